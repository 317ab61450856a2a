// core's leads over gRPC: create, get, list (cursor pages), update (with the
// version check), delete (soft). Each change emits its event in the same
// transaction.
#pragma once

#include "auth_references.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/core/v1/leads.grpc.pb.h"
#include "sentra/db/pool.h"

namespace sentra::core {

class LeadServiceImpl final : public v1::LeadService::Service {
 public:
  LeadServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox, const AuthReferences& references)
      : pool_(pool), outbox_(outbox), references_(references) {}

  grpc::Status CreateLead(grpc::ServerContext*, const v1::CreateLeadRequest*, v1::Lead*) override;
  grpc::Status GetLead(grpc::ServerContext*, const v1::GetLeadRequest*, v1::Lead*) override;
  grpc::Status ListLeads(grpc::ServerContext*, const v1::ListLeadsRequest*, v1::ListLeadsResponse*) override;
  grpc::Status UpdateLead(grpc::ServerContext*, const v1::UpdateLeadRequest*, v1::Lead*) override;
  grpc::Status DeleteLead(grpc::ServerContext*, const v1::DeleteLeadRequest*, v1::DeleteLeadResponse*) override;

 private:
  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
  const AuthReferences& references_;
};

}  // namespace sentra::core

// core's leads over gRPC: each RPC builds the call's repository and hands
// the request to LeadLogic, or to LeadConversion.
#pragma once

#include "auth_references.h"
#include "sentra/core/v1/leads.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class LeadServiceImpl final : public v1::LeadService::Service {
 public:
  LeadServiceImpl(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  grpc::Status CreateLead(grpc::ServerContext*, const v1::CreateLeadRequest*, v1::Lead*) override;
  grpc::Status GetLead(grpc::ServerContext*, const v1::GetLeadRequest*, v1::Lead*) override;
  grpc::Status ListLeads(grpc::ServerContext*, const v1::ListLeadsRequest*, v1::ListLeadsResponse*) override;
  grpc::Status UpdateLead(grpc::ServerContext*, const v1::UpdateLeadRequest*, v1::Lead*) override;
  grpc::Status DeleteLead(grpc::ServerContext*, const v1::DeleteLeadRequest*, v1::DeleteLeadResponse*) override;
  grpc::Status ConvertLead(grpc::ServerContext*, const v1::ConvertLeadRequest*, v1::ConvertLeadResponse*) override;

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

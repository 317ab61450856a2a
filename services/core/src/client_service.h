// core's clients over gRPC: create, get, list (cursor pages), update (with
// the version check); each change emits its event in the same transaction.
// And the client portal's one read: the caller's own client.
#pragma once

#include "auth_references.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/core/v1/clients.grpc.pb.h"
#include "sentra/db/pool.h"

namespace sentra::core {

class ClientServiceImpl final : public v1::ClientService::Service {
 public:
  ClientServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox, const AuthReferences& references)
      : pool_(pool), outbox_(outbox), references_(references) {}

  grpc::Status CreateClient(grpc::ServerContext*, const v1::CreateClientRequest*, v1::Client*) override;
  grpc::Status GetClient(grpc::ServerContext*, const v1::GetClientRequest*, v1::Client*) override;
  grpc::Status ListClients(grpc::ServerContext*, const v1::ListClientsRequest*, v1::ListClientsResponse*) override;
  grpc::Status UpdateClient(grpc::ServerContext*, const v1::UpdateClientRequest*, v1::Client*) override;

 private:
  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
  const AuthReferences& references_;
};

class PortalServiceImpl final : public v1::PortalService::Service {
 public:
  explicit PortalServiceImpl(db::Pool& pool) : pool_(pool) {}

  grpc::Status GetPortalClient(grpc::ServerContext*, const v1::GetPortalClientRequest*, v1::PortalClient*) override;

 private:
  db::Pool& pool_;
};

}  // namespace sentra::core

// core's clients over gRPC: each RPC builds the call's repository and hands
// the request to ClientLogic. And the client portal's one read: the caller's
// own client.
#pragma once

#include "auth_references.h"
#include "sentra/core/v1/clients.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class ClientServiceImpl final : public v1::ClientService::Service {
 public:
  ClientServiceImpl(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  grpc::Status CreateClient(grpc::ServerContext*, const v1::CreateClientRequest*, v1::Client*) override;
  grpc::Status GetClient(grpc::ServerContext*, const v1::GetClientRequest*, v1::Client*) override;
  grpc::Status ListClients(grpc::ServerContext*, const v1::ListClientsRequest*, v1::ListClientsResponse*) override;
  grpc::Status UpdateClient(grpc::ServerContext*, const v1::UpdateClientRequest*, v1::Client*) override;
  grpc::Status ArchiveClient(grpc::ServerContext*, const v1::ArchiveClientRequest*, v1::Client*) override;
  grpc::Status RestoreClient(grpc::ServerContext*, const v1::RestoreClientRequest*, v1::Client*) override;

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
};

class PortalServiceImpl final : public v1::PortalService::Service {
 public:
  PortalServiceImpl(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  grpc::Status GetPortalClient(grpc::ServerContext*, const v1::GetPortalClientRequest*, v1::PortalClient*) override;

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

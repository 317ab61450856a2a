// What other services ask core, never routed from the outside: whether ids
// name clients of an organization (auth, before it ties a client-portal
// member to one).
#pragma once

#include "sentra/core/v1/internal.grpc.pb.h"
#include "sentra/db/pool.h"

namespace sentra::core {

class CoreInternalServiceImpl final : public v1::CoreInternalService::Service {
 public:
  explicit CoreInternalServiceImpl(db::Pool& pool) : pool_(pool) {}

  grpc::Status CheckClients(grpc::ServerContext*, const v1::CheckClientsRequest*, v1::CheckClientsResponse*) override;

 private:
  absl::Status DoCheckClients(const v1::CheckClientsRequest& request, v1::CheckClientsResponse* out);

  db::Pool& pool_;
};

}  // namespace sentra::core

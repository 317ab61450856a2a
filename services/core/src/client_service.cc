#include "client_service.h"

#include "pg_client_queries.h"
#include "clients.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Clients = service::PgRepository<ClientQueries, PgClientQueries>;
using service::CallContext;

}  // namespace

grpc::Status ClientServiceImpl::CreateClient(grpc::ServerContext* c, const v1::CreateClientRequest* request,
                                             v1::Client* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Clients clients(storage_, call, &write, out);
                                    return ClientLogic(clients, references_).Create(call, *request, out);
                                  });
}

grpc::Status ClientServiceImpl::GetClient(grpc::ServerContext* c, const v1::GetClientRequest* request,
                                          v1::Client* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Clients clients(storage_, call);
    return ClientLogic(clients, references_).Get(call, request->id(), out);
  });
}

grpc::Status ClientServiceImpl::ListClients(grpc::ServerContext* c, const v1::ListClientsRequest* request,
                                            v1::ListClientsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Clients clients(storage_, call);
    return ClientLogic(clients, references_).List(call, *request, out);
  });
}

grpc::Status ClientServiceImpl::UpdateClient(grpc::ServerContext* c, const v1::UpdateClientRequest* request,
                                             v1::Client* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Clients clients(storage_, call);
    return ClientLogic(clients, references_).Update(call, *request, out);
  });
}

grpc::Status ClientServiceImpl::ArchiveClient(grpc::ServerContext* c, const v1::ArchiveClientRequest* request,
                                              v1::Client* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Clients clients(storage_, call, &write, out);
                                    return ClientLogic(clients, references_).SetArchived(call, request->id(), true, out);
                                  });
}

grpc::Status ClientServiceImpl::RestoreClient(grpc::ServerContext* c, const v1::RestoreClientRequest* request,
                                              v1::Client* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Clients clients(storage_, call, &write, out);
                                    return ClientLogic(clients, references_).SetArchived(call, request->id(), false, out);
                                  });
}

grpc::Status PortalServiceImpl::GetPortalClient(grpc::ServerContext* c, const v1::GetPortalClientRequest*,
                                                v1::PortalClient* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Clients clients(storage_, call);
    return ClientLogic(clients, references_).GetPortalClient(call, out);
  });
}

}  // namespace sentra::core

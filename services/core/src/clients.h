// The rules of clients: what may be created and changed, by whom, and which
// event each change emits. No SQL and no gRPC: storage is the repository,
// owner and brand ids are checked by the ReferenceChecker, so the unit tests
// run it on fakes (tests/clients_test.cc).
#pragma once

#include "auth_references.h"
#include "client_queries.h"
#include "sentra/core/v1/clients.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

// The ClientChanged event of `type` for `client`, into `events`.
absl::Status EmitClientChanged(bus::EventSink& events, std::string_view type, const v1::Client& client,
                               std::vector<std::string> changed = {});

class ClientLogic {
 public:
  ClientLogic(service::Repository<ClientQueries>& clients, const ReferenceChecker& references)
      : clients_(clients), references_(references) {}

  // client.created; the caller owns it unless it names another member.
  absl::Status Create(const service::CallContext& call, v1::CreateClientRequest request, v1::Client* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Client* out);
  absl::Status List(const service::CallContext& call, const v1::ListClientsRequest& request,
                    v1::ListClientsResponse* out);
  // client.updated, naming the fields the request set; VERSION_CONFLICT
  // when `version` is given and is not the stored one.
  absl::Status Update(const service::CallContext& call, v1::UpdateClientRequest request, v1::Client* out);
  // client.archived / client.restored; a client already in that state is
  // answered as it is, with no event.
  absl::Status SetArchived(const service::CallContext& call, std::string_view id, bool archived, v1::Client* out);
  // The client-portal member's own client, from the credential, never the request.
  absl::Status GetPortalClient(const service::CallContext& call, v1::PortalClient* out);

 private:
  service::Repository<ClientQueries>& clients_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

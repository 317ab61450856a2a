// Where clients are stored: the queries the client logic needs. No SQL here:
// the PostgreSQL implementation is pg_client_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/core/v1/clients.pb.h"
#include "field_definition_cache.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

struct ClientFilter {
  std::string pattern;   // text::ContainsPattern of `q`; "" for none
  std::string kind;      // "" for any
  std::string brand_id;  // canonical; "" for any
  std::string owner_id;  // canonical; "" for any
  bool archived = false;  // the archived clients instead of the live ones
  service::SortedPage order;  // by creation or name
};

class ClientQueries {
 public:
  virtual ~ClientQueries() = default;
  // Stores a client from checked, normalized values; answers it as stored.
  virtual absl::StatusOr<v1::Client> Insert(std::string_view id, const v1::CreateClientRequest& values) = 0;
  // Nothing when no client with this id, live or archived, is visible to
  // the caller.
  virtual absl::StatusOr<std::optional<v1::Client>> Find(std::string_view id) = 0;
  // Up to limit + 1 clients in the filter's order after the page's
  // position, into out->data, fewer when they pass the page's byte budget;
  // whether more follow the last one read (service::FinishSortedPage).
  virtual absl::StatusOr<bool> List(const ClientFilter& filter, v1::ListClientsResponse* out) = 0;
  // Applies the fields `patch` has and bumps the version; nothing when no
  // visible live client has the id (and, when the patch names one, the
  // version).
  virtual absl::StatusOr<std::optional<v1::Client>> Update(const v1::UpdateClientRequest& patch) = 0;
  // Archives a live client, or restores an archived one; nothing when no
  // visible client is in the other state.
  virtual absl::StatusOr<std::optional<v1::Client>> SetArchived(std::string_view id, bool archived) = 0;
  // Find, the client locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::Client>> Lock(std::string_view id) = 0;
  // The client custom fields' definitions, share-locked for the write.
  virtual absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() = 0;
};

}  // namespace sentra::core

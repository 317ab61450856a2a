// Where contacts are stored: the queries the contact logic needs. A contact
// is seen through its client: every statement joins the live client, whose
// brand policy hides the contacts of clients the caller may not see. No SQL
// here: the PostgreSQL implementation is pg_contact_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/core/v1/contacts.pb.h"
#include "field_definition_cache.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

class ContactQueries {
 public:
  virtual ~ContactQueries() = default;
  // Whether the caller sees this live client; a write also locks it, so
  // that two changes of one client's primary contact take turns.
  virtual absl::StatusOr<bool> ClientVisible(std::string_view client_id) = 0;
  virtual absl::StatusOr<bool> LockClient(std::string_view client_id) = 0;
  virtual absl::StatusOr<bool> HasPrimary(std::string_view client_id) = 0;
  // The client's primary contact is one no longer; answers it, if there was one.
  virtual absl::StatusOr<std::optional<v1::Contact>> ClearPrimary(std::string_view client_id) = 0;
  // Makes the client's oldest live contact its primary; answers it, if any.
  virtual absl::StatusOr<std::optional<v1::Contact>> PromoteOldest(std::string_view client_id) = 0;

  // Stores a contact from checked, normalized values.
  virtual absl::StatusOr<v1::Contact> Insert(std::string_view id, const v1::CreateContactRequest& values,
                                             bool is_primary) = 0;
  virtual absl::StatusOr<std::optional<v1::Contact>> Find(std::string_view id) = 0;
  // Up to page.limit + 1 of the client's contacts in the page's order after
  // its position, into out->data, fewer when they pass the page's byte
  // budget; whether more follow the last one read (service::FinishPage).
  virtual absl::StatusOr<bool> List(std::string_view client_id, const service::SortedPage& order,
                                    v1::ListContactsResponse* out) = 0;
  // Applies the fields `patch` has (is_primary only as true) and bumps the
  // version; nothing when no visible contact has the id (and version).
  virtual absl::StatusOr<std::optional<v1::Contact>> Update(const v1::UpdateContactRequest& patch) = 0;
  virtual absl::StatusOr<std::optional<v1::Contact>> Archive(std::string_view id) = 0;
  // The contact custom fields' definitions, share-locked for the write.
  virtual absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() = 0;
};

}  // namespace sentra::core

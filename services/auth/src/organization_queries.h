// Where the caller's own organization is stored: the queries the organization
// logic needs. The organization is always the transaction's (tx.org_id()),
// never one a request names. No SQL here: the PostgreSQL implementation is
// pg_organization_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "grant.h"
#include "sentra/auth/v1/organization.pb.h"
#include "sentra/service/call_context.h"

namespace sentra::auth {

class OrganizationQueries {
 public:
  virtual ~OrganizationQueries() = default;
  // What the caller holds now (CallerGrantNow): the membership share-locked.
  virtual absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) = 0;
  virtual absl::StatusOr<std::optional<v1::Organization>> Find() = 0;
  // Find, locking the row until the transaction ends.
  virtual absl::StatusOr<std::optional<v1::Organization>> Lock() = 0;
  // The database's own spelling of an IANA time zone it knows, matched
  // without regard to case; nothing for a name it does not know.
  virtual absl::StatusOr<std::optional<std::string>> KnownTimezone(std::string_view name) = 0;
  // Applies the fields `change` has and bumps the version. ALREADY_EXISTS
  // naming the constraint when the slug is taken.
  virtual absl::StatusOr<v1::Organization> Update(const v1::UpdateOwnOrganizationRequest& change) = 0;
};

}  // namespace sentra::auth

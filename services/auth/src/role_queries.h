// Where an organization's custom roles are stored: the queries the role logic
// needs. The system roles come from code (roles.h), never from here. No SQL
// here: the PostgreSQL implementation is pg_role_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "grant.h"
#include "sentra/auth/v1/roles.pb.h"
#include "sentra/service/call_context.h"

namespace sentra::auth {

class RoleQueries {
 public:
  virtual ~RoleQueries() = default;
  // What the caller holds now (CallerGrantNow): the membership share-locked.
  virtual absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) = 0;
  // The custom roles, by name.
  virtual absl::StatusOr<std::vector<v1::Role>> List() = 0;
  virtual absl::StatusOr<std::optional<v1::Role>> Find(std::string_view name) = 0;
  // Find, locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::Role>> Lock(std::string_view name) = 0;
  // Nothing when a role has the name already.
  virtual absl::StatusOr<std::optional<v1::Role>> Insert(std::string_view id, std::string_view name,
                                                         std::string_view description,
                                                         const std::vector<std::string>& permissions) = 0;
  // The description when given, the permissions when any; bumps the version.
  virtual absl::StatusOr<v1::Role> Update(std::string_view name, const std::optional<std::string>& description,
                                          const std::vector<std::string>& permissions) = 0;
  // Whether a member who is not deactivated has the role.
  virtual absl::StatusOr<bool> InUse(std::string_view name) = 0;
  virtual absl::Status Delete(std::string_view name) = 0;
  // How many custom roles the organization has, the count kept true until
  // the write ends: role creations take turns.
  virtual absl::StatusOr<int> LockAndCount() = 0;
};

// The most custom roles an organization has (their list is read whole).
inline constexpr int kMaxCustomRoles = 50;

}  // namespace sentra::auth

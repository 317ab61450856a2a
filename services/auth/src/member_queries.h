// Where an organization's members are stored: the queries the member logic
// needs (the organization's scope). No SQL here: the PostgreSQL
// implementation is pg_member_queries.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "grant.h"
#include "sentra/auth/v1/users.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/paging.h"

namespace sentra::auth {

struct MemberFilter {
  std::string status;   // "" for any
  std::string role;     // "" for any
  std::string pattern;  // text::ContainsPattern of `q`; "" for none
  service::IdPage page;
};

// A membership as it stands, locked for the rest of the transaction.
struct LockedMember {
  std::string role;
  std::string status;
  int version = 0;
  std::string brand_access;  // "*" or comma-separated brand ids
};

// Who is invited, as checked: a normalized address and brand ids.
struct Invitee {
  std::string email;
  std::string name;
  std::string role;
  v1::BrandAccess brand_access;
  std::string client_id;  // client-portal members only
};

class MemberQueries {
 public:
  virtual ~MemberQueries() = default;

  // What the caller holds now (CallerGrantNow): the membership share-locked.
  virtual absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) = 0;
  // A role's permissions; none for a custom role that does not exist.
  virtual absl::StatusOr<std::vector<std::string>> RolePermissions(std::string_view role) = 0;
  // How many of `brand_ids` (distinct, canonical) are brands here.
  virtual absl::StatusOr<std::int64_t> CountBrands(const std::vector<std::string>& brand_ids) = 0;

  // Up to filter.page.limit + 1 members after the page's position, into
  // out->data, fewer when they pass the page's byte budget (each lists its
  // brands); whether more follow the last one read (service::FinishIdPage).
  virtual absl::StatusOr<bool> List(const MemberFilter& filter, v1::ListUsersResponse* out) = 0;
  virtual absl::StatusOr<std::optional<v1::Member>> Find(std::string_view user_id) = 0;
  virtual absl::StatusOr<std::optional<LockedMember>> Lock(std::string_view user_id) = 0;
  // The active owners' ids, locked, so two concurrent demotions cannot both
  // see another owner left.
  virtual absl::StatusOr<std::vector<std::string>> LockActiveOwners() = 0;
  // Applies the name, role, brand access and status the request has.
  virtual absl::Status Update(std::string_view user_id, const v1::UpdateUserRequest& change) = 0;
  // Ends a member's refresh tokens here and their pending invitations.
  virtual absl::Status EndSessions(std::string_view user_id) = 0;

  // Invitations sent in the last 24 hours, counted under a per-organization
  // lock held to the end of the transaction.
  virtual absl::StatusOr<std::int64_t> LockAndCountInvitationsToday() = 0;
  // The invitee's user (found by address or created) and an invited
  // membership; the user id. kAlreadyExists when already a member.
  virtual absl::StatusOr<std::string> AddInvitedMember(const Invitee& invitee) = 0;
  // An invitation with this token hash, from `invited_by`; its expiry (Unix seconds).
  virtual absl::StatusOr<std::int64_t> AddInvitation(std::string_view user_id, std::string_view token_hash,
                                                      std::string_view invited_by) = 0;
  virtual absl::StatusOr<std::string> OrganizationName() = 0;
};

}  // namespace sentra::auth

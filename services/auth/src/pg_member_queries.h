// MemberQueries (member_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "member_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::auth {

class PgMemberQueries final : public MemberQueries {
 public:
  explicit PgMemberQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override;
  absl::StatusOr<std::vector<std::string>> RolePermissions(std::string_view role) override;
  absl::StatusOr<std::int64_t> CountBrands(const std::vector<std::string>& brand_ids) override;
  absl::StatusOr<bool> List(const MemberFilter& filter, v1::ListUsersResponse* out) override;
  absl::StatusOr<std::optional<v1::Member>> Find(std::string_view user_id) override;
  absl::StatusOr<std::optional<LockedMember>> Lock(std::string_view user_id) override;
  absl::StatusOr<std::vector<std::string>> LockActiveOwners() override;
  absl::Status Update(std::string_view user_id, const v1::UpdateUserRequest& change) override;
  absl::Status EndSessions(std::string_view user_id) override;
  absl::StatusOr<std::int64_t> LockAndCountInvitationsToday() override;
  absl::StatusOr<std::string> AddInvitedMember(const Invitee& invitee) override;
  absl::StatusOr<std::int64_t> AddInvitation(std::string_view user_id, std::string_view token_hash,
                                              std::string_view invited_by) override;
  absl::StatusOr<std::string> OrganizationName() override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::auth

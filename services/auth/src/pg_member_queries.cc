#include "pg_member_queries.h"

#include <google/protobuf/util/time_util.h>

#include "account_queries.h"
#include "identity_queries.h"
#include "pg_grant.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// What the organization sees of a member is its own: the membership's status
// and last sign-in here. Whether the address is verified shows once the
// member has joined (an invitation, even one withdrawn, must not tell
// whether the person has an account elsewhere). In ReadMember's order.
#define SENTRA_MEMBER_COLUMNS                                                                 \
  "u.id, u.email, coalesce(m.display_name, u.name), m.role, m.status, "                        \
  "u.email_verified AND (m.status = 'active' OR m.last_login_at IS NOT NULL), "                \
  "CASE WHEN m.brand_ids IS NULL THEN '*' ELSE array_to_string(m.brand_ids, ',') END, "       \
  "coalesce(m.client_id::text, ''), coalesce((extract(epoch from m.last_login_at) * 1000000)::bigint, 0), " \
  "(extract(epoch from m.created_at) * 1000000)::bigint, m.version "
#define SENTRA_MEMBER_FROM "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = current_org() "

void ReadMember(const db::Result& r, int row, v1::Member* m) {
  m->set_id(r.String(row, 0));
  m->set_email(r.String(row, 1));
  m->set_name(r.String(row, 2));
  m->set_role(r.String(row, 3));
  m->set_status(r.String(row, 4));
  m->set_email_verified(r.Bool(row, 5));
  const std::string_view brands = r.Text(row, 6);
  auto* access = m->mutable_brand_access();
  access->set_all(brands == "*");
  if (brands != "*") {
    for (auto& id : text::SplitList(brands)) access->add_brand_ids(std::move(id));
  }
  m->set_client_id(r.String(row, 7));
  if (r.Int(row, 8) != 0) *m->mutable_last_login_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
  *m->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 9));
  m->set_version(static_cast<int>(r.Int(row, 10)));
}

// Every statement runs in the organization's scope (RLS); the org_id terms
// are for the indexes.
// A member's size, as read: its texts, and each of its brands' ids.
constexpr Query kList{
    "auth.list_members",
    SENTRA_SQL_PAGE(SENTRA_MEMBER_COLUMNS,
                    "octet_length(u.email) + octet_length(coalesce(m.display_name, u.name)) + "
                    "37 * coalesce(cardinality(m.brand_ids), 0)",
                    "memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = current_org() "
                    "AND (NULLIF($1, '') IS NULL OR m.user_id > NULLIF($1, '')::uuid) "
                    "AND ($2 = '' OR m.status = $2) AND ($3 = '' OR m.role = $3) "
                    "AND ($4 = '' OR u.email ILIKE $4 OR coalesce(m.display_name, u.name) ILIKE $4)",
                    "m.user_id", "$5")};
constexpr Query kFind{"auth.get_member", "SELECT " SENTRA_MEMBER_COLUMNS SENTRA_MEMBER_FROM "AND m.user_id = $1"};
#undef SENTRA_MEMBER_COLUMNS
#undef SENTRA_MEMBER_FROM

constexpr Query kLock{
    "auth.lock_member",
    "SELECT role, status, version, "
    "CASE WHEN brand_ids IS NULL THEN '*' ELSE array_to_string(brand_ids, ',') END "
    "FROM memberships WHERE org_id = current_org() AND user_id = $1 FOR UPDATE"};
constexpr Query kLockOwners{
    "auth.lock_owners",
    "SELECT user_id FROM memberships WHERE org_id = current_org() AND role = 'owner' AND status = 'active' "
    "ORDER BY user_id FOR UPDATE"};
// $4: change brand access at all; $5: to every brand; $6: else these ids.
constexpr Query kUpdate{
    "auth.update_member",
    "UPDATE memberships SET display_name = coalesce($2, display_name), role = coalesce($3, role), "
    "brand_ids = CASE WHEN $4 THEN (CASE WHEN $5 THEN NULL ELSE string_to_array($6, ',')::uuid[] END) "
    "ELSE brand_ids END, status = coalesce($7, status), version = version + 1, updated_at = now() "
    "WHERE org_id = current_org() AND user_id = $1"};
constexpr Query kInsertInvitedUser{
    "auth.insert_invited_user",
    "INSERT INTO users (id, email, name, status) VALUES ($1, $2, $3, 'invited') "
    "ON CONFLICT ((lower(email))) DO NOTHING"};
constexpr Query kInsertInvitedMember{
    "auth.insert_invited_member",
    "INSERT INTO memberships (org_id, user_id, role, status, display_name, brand_ids, client_id) "
    "VALUES (current_org(), $1, $2, 'invited', $3, "
    "CASE WHEN $4 THEN NULL ELSE string_to_array($5, ',')::uuid[] END, NULLIF($6, '')::uuid)"};
// Two statements: the count's snapshot must be taken after the lock is
// granted (READ COMMITTED takes one per statement), or it misses the
// invitations committed while this transaction waited.
constexpr Query kLockInvitations{
    "auth.lock_invitations",
    "SELECT pg_advisory_xact_lock(hashtextextended('sentra.invitations:' || current_org()::text, 0))"};
constexpr Query kInvitationsToday{
    "auth.invitations_today",
    "SELECT count(*) FROM invitations WHERE org_id = current_org() AND created_at > now() - interval '1 day'"};
constexpr Query kOrgName{"auth.org_name", "SELECT name FROM organizations WHERE id = current_org()"};
constexpr Query kCountBrands{
    "auth.count_brands",
    "SELECT count(*) FROM brands WHERE org_id = current_org() AND id = ANY(string_to_array($1, ',')::uuid[])"};

std::optional<std::string> IfSet(bool present, const std::string& value) {
  return present ? std::optional<std::string>(value) : std::nullopt;
}

}  // namespace

absl::StatusOr<Grant> PgMemberQueries::CallerGrant(const service::CallContext& call, std::string_view permission) {
  return CallerGrantNow(tx_, call, permission);
}

absl::StatusOr<std::vector<std::string>> PgMemberQueries::RolePermissions(std::string_view role) {
  return auth::RolePermissions(tx_, role);
}

absl::StatusOr<std::int64_t> PgMemberQueries::CountBrands(const std::vector<std::string>& brand_ids) {
  auto r = tx_.Execute(kCountBrands, text::JoinList(brand_ids));
  if (!r.ok()) return r.status();
  return r->Int(0, 0);
}

absl::StatusOr<bool> PgMemberQueries::List(const MemberFilter& f, v1::ListUsersResponse* out) {
  auto r = tx_.Execute(kList, f.page.after_id, f.status, f.role, f.pattern, f.page.limit + 1);
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) ReadMember(*r, i, out->add_data());
  return db::MoreAfter(*r);
}

absl::StatusOr<std::optional<v1::Member>> PgMemberQueries::Find(std::string_view user_id) {
  auto r = tx_.Execute(kFind, user_id);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::nullopt;
  v1::Member member;
  ReadMember(*r, 0, &member);
  return member;
}

absl::StatusOr<std::optional<LockedMember>> PgMemberQueries::Lock(std::string_view user_id) {
  auto r = tx_.Execute(kLock, user_id);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::nullopt;
  return LockedMember{.role = r->String(0, 0),
                      .status = r->String(0, 1),
                      .version = static_cast<int>(r->Int(0, 2)),
                      .brand_access = r->String(0, 3)};
}

absl::StatusOr<std::vector<std::string>> PgMemberQueries::LockActiveOwners() {
  auto r = tx_.Execute(kLockOwners);
  if (!r.ok()) return r.status();
  std::vector<std::string> owners;
  owners.reserve(static_cast<std::size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) owners.push_back(r->String(i, 0));
  return owners;
}

absl::Status PgMemberQueries::Update(std::string_view user_id, const v1::UpdateUserRequest& c) {
  return tx_
      .Execute(kUpdate, user_id, IfSet(c.has_name(), c.name()), IfSet(c.has_role(), c.role()), c.has_brand_access(),
               c.brand_access().all(), text::JoinList(c.brand_access().brand_ids()),
               IfSet(c.has_status(), c.status()))
      .status();
}

absl::Status PgMemberQueries::EndSessions(std::string_view user_id) {
  if (auto r = tx_.Execute(sql::kRevokeMemberSessions, tx_.org_id(), user_id); !r.ok()) return r.status();
  return tx_.Execute(sql::kRevokeInvitations, user_id).status();
}

absl::StatusOr<std::int64_t> PgMemberQueries::LockAndCountInvitationsToday() {
  if (auto locked = tx_.Execute(kLockInvitations); !locked.ok()) return locked.status();
  auto sent = tx_.Execute(kInvitationsToday);
  if (!sent.ok()) return sent.status();
  return sent->Int(0, 0);
}

absl::StatusOr<std::string> PgMemberQueries::AddInvitedMember(const Invitee& who) {
  // A new address becomes an invited user; a known one keeps its account.
  if (auto r = tx_.Execute(kInsertInvitedUser, ids::NewUuidV7(), who.email, who.name); !r.ok()) return r.status();
  auto u = tx_.Execute(sql::kUserByEmail, who.email);
  if (!u.ok()) return u.status();
  std::string user_id = u->String(0, 0);
  auto m = tx_.Execute(kInsertInvitedMember, user_id, who.role, who.name, who.brand_access.all(),
                       text::JoinList(who.brand_access.brand_ids()), who.client_id);
  if (!m.ok()) return m.status();
  return user_id;
}

absl::StatusOr<std::int64_t> PgMemberQueries::AddInvitation(std::string_view user_id, std::string_view token_hash,
                                                             std::string_view invited_by) {
  auto expires = tx_.Execute(sql::kInsertInvitation, ids::NewUuidV7(), user_id, db::Bytes{token_hash},
                             invited_by);
  if (!expires.ok()) return expires.status();
  return expires->Int(0, 0);
}

absl::StatusOr<std::string> PgMemberQueries::OrganizationName() {
  auto r = tx_.Execute(kOrgName);
  if (!r.ok()) return r.status();
  return r->rows() > 0 ? r->String(0, 0) : std::string();
}

}  // namespace sentra::auth

// auth's SQL for organizations, users, memberships and sessions, one named
// statement each.
#pragma once

#include "organization_row.h"
#include "sentra/db/query.h"

namespace sentra::auth::sql {

using db::Query;

constexpr Query kInsertOrg{"auth.insert_org",
                           "INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3)"};
constexpr Query kInsertUser{"auth.insert_user",
                            "INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)"};
constexpr Query kInsertMembership{"auth.insert_membership",
                                  "INSERT INTO memberships (org_id, user_id, role, last_login_at) VALUES ($1, $2, $3, now())"};

#define SENTRA_USER_COLUMNS \
  "id, email, name, password_hash, email_verified, status, " \
  "(extract(epoch from created_at) * 1000000)::bigint, is_superadmin "
constexpr Query kUserByEmail{"auth.user_by_email",
                             "SELECT " SENTRA_USER_COLUMNS "FROM users WHERE lower(email) = $1"};
constexpr Query kUserById{"auth.user_by_id", "SELECT " SENTRA_USER_COLUMNS "FROM users WHERE id = $1"};
constexpr Query kUserByIdForUpdate{"auth.user_by_id_for_update",
                                   "SELECT " SENTRA_USER_COLUMNS "FROM users WHERE id = $1 FOR UPDATE"};
#undef SENTRA_USER_COLUMNS

// The user's active membership (policy: user_id = sentra.user_id), oldest
// first, optionally narrowed to one organization: $2 its id, or $3 its
// slug (never both: a slug is not an id, and an id given is matched as an
// id only, so no organization can answer for another by its slug).
// Columns: role, the organization (1-9), brand access ("*" or ids), client id.
constexpr Query kMembershipsOfUser{
    "auth.memberships_of_user",
    "SELECT m.role, " SENTRA_ORGANIZATION_COLUMNS ", "
    "CASE WHEN m.brand_ids IS NULL THEN '*' ELSE array_to_string(m.brand_ids, ',') END, "
    "coalesce(m.client_id::text, '') "
    "FROM memberships m JOIN organizations o ON o.id = m.org_id "
    "WHERE m.user_id = $1 AND m.status = 'active' AND ($2 = '' OR o.id = NULLIF($2, '')::uuid) "
    "AND ($3 = '' OR o.slug = $3) ORDER BY m.created_at LIMIT 1"};
constexpr Query kTouchLogin{"auth.touch_login", "UPDATE users SET last_login_at = now() WHERE id = $1"};
// The member's last sign-in into this organization, which it may see.
constexpr Query kTouchMemberLogin{
    "auth.touch_member_login",
    "UPDATE memberships SET last_login_at = now() WHERE org_id = current_org() AND user_id = $1"};
// A person someone invited who never set a password: signing up takes
// this user over instead of finding the address taken. Not verified until
// the mailbox answers; never a superadmin the operator marked in advance.
constexpr Query kClaimInvitedUser{
    "auth.claim_invited_user",
    "UPDATE users SET name = $2, password_hash = $3, status = 'active', email_verified = false "
    "WHERE lower(email) = $1 AND password_hash IS NULL AND status = 'invited' AND NOT is_superadmin "
    "RETURNING id"};
constexpr Query kCustomRolePermissions{"auth.custom_role_permissions",
                                       "SELECT array_to_string(permissions, ',') FROM roles WHERE name = $1"};

constexpr Query kInsertRefresh{
    "auth.insert_refresh",
    "INSERT INTO refresh_tokens (id, org_id, family_id, user_id, token_hash, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, now() + interval '30 days')"};
constexpr Query kFindRefresh{
    "auth.find_refresh",
    "SELECT id, family_id, user_id, rotated_at IS NOT NULL, revoked_at IS NOT NULL, expires_at < now(), "
    "coalesce(rotated_at > now() - make_interval(secs => $2::bigint / 1000.0), false) "
    "FROM refresh_tokens WHERE org_id = current_org() AND token_hash = $1 FOR UPDATE"};
constexpr Query kRotateRefresh{"auth.rotate_refresh",
                               "UPDATE refresh_tokens SET rotated_at = now() WHERE org_id = current_org() AND id = $1"};
// The family's live token (the one a lost answer carried), on a reissue.
constexpr Query kSupersedeFamily{
    "auth.supersede_family",
    "UPDATE refresh_tokens SET revoked_at = now() "
    "WHERE org_id = current_org() AND family_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL"};
constexpr Query kRevokeFamily{
    "auth.revoke_family",
    "UPDATE refresh_tokens SET revoked_at = now() "
    "WHERE org_id = current_org() AND family_id = $1 AND revoked_at IS NULL"};
// Every session of a user in one organization (deactivation) ...
constexpr Query kRevokeMemberSessions{
    "auth.revoke_member_sessions",
    "UPDATE refresh_tokens SET revoked_at = now() "
    "WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL"};
// ... or in all of them (password reset; policy: the user's own rows).
constexpr Query kRevokeUserSessions{
    "auth.revoke_user_sessions",
    "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL"};

}  // namespace sentra::auth::sql

// auth's SQL for an organization's members, one named statement each. All
// run in the organization's scope (RLS); the org_id terms are for indexes.
#pragma once

#include "sentra/db/query.h"

namespace sentra::auth::sql {

using db::Query;

// What the organization sees of a member is its own: the membership's status
// and last sign-in here. Whether the address is verified shows once the
// member has joined (an invitation, even one withdrawn, must not tell
// whether the person has an account elsewhere).
#define SENTRA_MEMBER_COLUMNS                                                                 \
  "u.id, u.email, coalesce(m.display_name, u.name), m.role, m.status, "                        \
  "u.email_verified AND (m.status = 'active' OR m.last_login_at IS NOT NULL), "                \
  "CASE WHEN m.brand_ids IS NULL THEN '*' ELSE array_to_string(m.brand_ids, ',') END, "       \
  "coalesce(m.client_id::text, ''), coalesce((extract(epoch from m.last_login_at) * 1000000)::bigint, 0), " \
  "(extract(epoch from m.created_at) * 1000000)::bigint, m.version "
#define SENTRA_MEMBER_FROM "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = current_org() "

constexpr Query kListMembers{
    "auth.list_members",
    "SELECT " SENTRA_MEMBER_COLUMNS SENTRA_MEMBER_FROM
    "AND (NULLIF($1, '') IS NULL OR m.user_id > NULLIF($1, '')::uuid) "
    "AND ($2 = '' OR m.status = $2) AND ($3 = '' OR m.role = $3) "
    "AND ($4 = '' OR u.email ILIKE $4 OR coalesce(m.display_name, u.name) ILIKE $4) "
    "ORDER BY m.user_id LIMIT $5"};
constexpr Query kGetMember{"auth.get_member",
                           "SELECT " SENTRA_MEMBER_COLUMNS SENTRA_MEMBER_FROM "AND m.user_id = $1"};
#undef SENTRA_MEMBER_COLUMNS
#undef SENTRA_MEMBER_FROM

constexpr Query kLockMember{
    "auth.lock_member",
    "SELECT role, status, version, "
    "CASE WHEN brand_ids IS NULL THEN '*' ELSE array_to_string(brand_ids, ',') END "
    "FROM memberships WHERE org_id = current_org() AND user_id = $1 FOR UPDATE"};
// Every active owner, locked, so two concurrent demotions cannot both pass
// the last-owner check.
constexpr Query kLockOwners{
    "auth.lock_owners",
    "SELECT user_id FROM memberships WHERE org_id = current_org() AND role = 'owner' AND status = 'active' "
    "ORDER BY user_id FOR UPDATE"};
// $4: change brand access at all; $5: to every brand; $6: else these ids.
constexpr Query kUpdateMember{
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
// Invitations are counted under a per-organization lock held to the end of
// the transaction, so concurrent ones cannot all pass the same count. Two
// statements: the count's snapshot must be taken after the lock is granted
// (READ COMMITTED takes one per statement), or it misses the invitations
// committed while this transaction waited.
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

}  // namespace sentra::auth::sql

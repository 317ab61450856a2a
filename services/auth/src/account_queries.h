// auth's SQL for one-time account secrets: invitations, password resets and
// e-mail verification.
#pragma once

#include "sentra/db/query.h"

namespace sentra::auth::sql {

using db::Query;

constexpr Query kInsertUserToken{
    "auth.insert_user_token",
    "INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at) "
    "VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) "
    "RETURNING extract(epoch from expires_at)::bigint"};
// A newer secret replaces older ones of the same purpose.
constexpr Query kRetireUserTokens{
    "auth.retire_user_tokens",
    "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL"};
// Single use: only one transaction can flip used_at.
constexpr Query kUseUserToken{
    "auth.use_user_token",
    "UPDATE user_tokens SET used_at = now() "
    "WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id"};
constexpr Query kScopeToUser{"auth.scope_to_user", "SELECT set_config('sentra.user_id', $1, true)"};
constexpr Query kSetPassword{
    "auth.set_password",
    "UPDATE users SET password_hash = $2, status = 'active', email_verified = true WHERE id = $1"};
// An invitation's first password, only while there is none: a sign-up may
// have given the account one since the invitation was read, and accepting
// must not replace it.
constexpr Query kSetFirstPassword{
    "auth.set_first_password",
    "UPDATE users SET password_hash = $2, status = 'active', email_verified = true "
    "WHERE id = $1 AND password_hash IS NULL RETURNING id"};
constexpr Query kMarkEmailVerified{"auth.mark_email_verified",
                                   "UPDATE users SET email_verified = true WHERE id = $1"};
// Where a person's account e-mails are filed (comms keeps one queue per
// organization): their oldest active membership.
constexpr Query kHomeOrgOfUser{
    "auth.home_org_of_user",
    "SELECT org_id FROM memberships WHERE user_id = $1 AND status = 'active' ORDER BY created_at LIMIT 1"};

constexpr Query kInsertInvitation{
    "auth.insert_invitation",
    "INSERT INTO invitations (id, org_id, user_id, token_hash, invited_by, expires_at) "
    "VALUES ($1, current_org(), $2, $3, $4, now() + interval '7 days') "
    "RETURNING extract(epoch from expires_at)::bigint"};
constexpr Query kRevokeInvitations{
    "auth.revoke_invitations",
    "UPDATE invitations SET revoked_at = now() "
    "WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL"};
constexpr Query kPendingInvitation{
    "auth.pending_invitation",
    "SELECT user_id FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL "
    "AND revoked_at IS NULL AND expires_at > now()"};
constexpr Query kAcceptInvitation{
    "auth.accept_invitation",
    "UPDATE invitations SET accepted_at = now() WHERE token_hash = $1 AND accepted_at IS NULL "
    "AND revoked_at IS NULL AND expires_at > now() RETURNING user_id"};
constexpr Query kActivateInvitedMembership{
    "auth.activate_invited_membership",
    "UPDATE memberships SET status = 'active', version = version + 1, updated_at = now() "
    "WHERE org_id = current_org() AND user_id = $1 AND status = 'invited' RETURNING user_id"};

}  // namespace sentra::auth::sql

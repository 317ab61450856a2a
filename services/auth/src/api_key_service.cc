#include "api_key_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "grant.h"
#include "roles.h"
#include "scoped_token.h"
#include "sentra/db/transaction.h"
#include "fmt/format.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/paging.h"
#include "sentra/service/serve.h"
#include "sentra/text/validation.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

using google::protobuf::util::TimeUtil;

#define SENTRA_KEY_COLUMNS                                                                       \
  "id, name, prefix, array_to_string(permissions, ','), "                                       \
  "coalesce((extract(epoch from expires_at) * 1000000)::bigint, 0), "                            \
  "coalesce((extract(epoch from last_used_at) * 1000000)::bigint, 0), "                          \
  "coalesce((extract(epoch from revoked_at) * 1000000)::bigint, 0), created_by, "                \
  "(extract(epoch from created_at) * 1000000)::bigint "
constexpr db::Query kInsertKey{
    "auth.insert_api_key",
    "INSERT INTO api_keys (id, org_id, created_by, name, prefix, secret_hash, permissions, expires_at) "
    "VALUES ($1, current_org(), $2, $3, $4, $5, string_to_array($6, ','), "
    "to_timestamp(NULLIF($7, 0) / 1000000.0)) RETURNING " SENTRA_KEY_COLUMNS};
constexpr db::Query kListKeys{
    "auth.list_api_keys",
    "SELECT " SENTRA_KEY_COLUMNS "FROM api_keys WHERE org_id = current_org() "
    "AND (NULLIF($1, '') IS NULL OR id > NULLIF($1, '')::uuid) ORDER BY id LIMIT $2"};
#undef SENTRA_KEY_COLUMNS
constexpr db::Query kRevokeKey{
    "auth.revoke_api_key",
    "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE org_id = current_org() AND id = $1 "
    "RETURNING id"};
// The key, its creator's membership now, and its organization's status.
constexpr db::Query kVerifyKey{
    "auth.verify_api_key",
    "SELECT k.id, k.created_by, array_to_string(k.permissions, ','), "
    "coalesce(extract(epoch from k.expires_at)::bigint, 0), k.revoked_at IS NOT NULL, "
    "coalesce(k.expires_at < now(), false), m.role, m.status, "
    "CASE WHEN m.brand_ids IS NULL THEN '*' ELSE array_to_string(m.brand_ids, ',') END, o.status, "
    "k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' "
    "FROM api_keys k JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by "
    "JOIN organizations o ON o.id = k.org_id WHERE k.org_id = current_org() AND k.secret_hash = $1"};
// Written at most once a minute per key: last_used_at is for people, not
// for accounting, and a write per request would be the hot path's cost.
constexpr db::Query kTouchKey{"auth.touch_api_key", "UPDATE api_keys SET last_used_at = now() WHERE org_id = current_org() AND id = $1"};
constexpr db::Query kInactiveOrgs{"auth.inactive_orgs", "SELECT id FROM organizations WHERE status <> 'active'"};

void ReadKey(const db::Result& r, int row, v1::ApiKey* key) {
  key->set_id(r.String(row, 0));
  key->set_name(r.String(row, 1));
  key->set_prefix(r.String(row, 2));
  for (auto& p : text::SplitList(r.Text(row, 3))) key->add_permissions(std::move(p));
  if (r.Int(row, 4) != 0) *key->mutable_expires_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 4));
  if (r.Int(row, 5) != 0) *key->mutable_last_used_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 5));
  if (r.Int(row, 6) != 0) *key->mutable_revoked_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 6));
  key->set_created_by(r.String(row, 7));
  *key->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
}

// A repeat of a creation whose answer (with the secret) was lost: the secret
// is stored nowhere, so the only safe answer says which key it made.
absl::Status SecretShownOnce(const v1::ApiKey& created) {
  return errors::Conflict("Idempotency-Key",
                          fmt::format("this key already created API key {}; its secret is shown only once, so "
                                      "revoke that key and create another",
                                      created.id()));
}

absl::Status KeyRejected() { return absl::UnauthenticatedError("API key is invalid, expired or revoked"); }

}  // namespace

absl::Status ApiKeyServiceImpl::DoCreate(const service::CallContext& call, const v1::CreateApiKeyRequest& req,
                                         v1::ApiKey* out, service::IdempotentWrite& write) {
  if (!call.api_key_id.empty()) {
    // A leaked key must not be able to mint itself successors.
    return errors::WithCode(absl::PermissionDeniedError("API keys are created by signed-in members, not by keys"),
                            errors::kForbidden);
  }
  std::vector<errors::FieldError> problems;
  const std::string name = text::Trim(req.name());
  if (!text::IsValidName(name, 100)) problems.push_back({"name", "is required (1-100 characters)"});
  std::vector<std::string> permissions(req.permissions().begin(), req.permissions().end());
  std::sort(permissions.begin(), permissions.end());
  permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
  if (permissions.empty() || permissions.size() > 100) problems.push_back({"permissions", "must name 1-100 permissions"});
  for (const auto& p : permissions) {
    if (!IsGrantable(p)) {
      problems.push_back({"permissions", "'" + p.substr(0, 64) + "' is not a permission"});
      break;
    }
  }
  std::int64_t expires_micros = 0;
  if (req.has_expires_at()) {
    if (req.expires_at() <= TimeUtil::GetCurrentTime()) {
      problems.push_back({"expires_at", "must be in the future"});
    } else {
      expires_micros = TimeUtil::TimestampToMicroseconds(req.expires_at());
    }
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  const std::string secret = NewApiKey(call.org_id);
  v1::ApiKey without_secret;  // what a repeat with the same Idempotency-Key can get back
  absl::Status status = write.InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, out,
                                            [&](db::Transaction& tx) {
    auto caller = CallerGrantNow(tx, call, "api_keys:manage");
    if (!caller.ok()) return caller.status();
    if (!IsSubset(permissions, caller->permissions)) {
      return errors::WithCode(absl::PermissionDeniedError("a key cannot hold permissions you do not have"),
                              errors::kForbidden);
    }
    auto r = tx.Execute(kInsertKey, ids::NewUuidV7(), call.user_id, name, ApiKeyPrefix(secret),
                        db::Bytes{HashToken(secret)}, text::JoinList(permissions), expires_micros);
    if (!r.ok()) return r.status();
    ReadKey(*r, 0, &without_secret);
    *out = without_secret;
    out->set_secret(secret);
    return absl::OkStatus();
  }, &without_secret);
  return status;
}

absl::Status ApiKeyServiceImpl::DoRevoke(const service::CallContext& call, const std::string& raw_id) {
  auto id = ids::NormalizeUuid(raw_id);
  if (!id) return errors::Validation("id", "must be an API key id");
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    auto r = tx.Execute(kRevokeKey, *id);
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return errors::NotFound("API key");
    events::v1::ApiKeyRevoked event;
    event.set_api_key_id(*id);
    return outbox_.Append(tx, "api_key.revoked", "api_key", *id, event, {call.actor(), call.request_id}).status();
  });
}

grpc::Status ApiKeyServiceImpl::ListApiKeys(grpc::ServerContext* c, const v1::ListApiKeysRequest* req,
                                            v1::ListApiKeysResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    auto page = service::ParseIdPage("api_keys", *req);
    if (!page.ok()) return page.status();
    return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true}, [&](db::Transaction& tx) {
      out->Clear();
      auto r = tx.Execute(kListKeys, page->after_id, page->limit + 1);
      if (!r.ok()) return r.status();
      service::FillIdPage(*r, *page, "api_keys", out, ReadKey);
      return absl::OkStatus();
    });
  });
}

grpc::Status ApiKeyServiceImpl::CreateApiKey(grpc::ServerContext* c, const v1::CreateApiKeyRequest* req,
                                             v1::ApiKey* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) -> absl::Status {
    service::IdempotentWrite write(*c, call, *req);
    auto replayed = write.Replay(pool_, out);
    if (!replayed.ok()) return replayed.status();
    const absl::Status status = *replayed ? absl::OkStatus() : DoCreate(call, *req, out, write);
    if (status.ok() && write.replayed()) return SecretShownOnce(*out);
    return status;
  });
}

grpc::Status ApiKeyServiceImpl::RevokeApiKey(grpc::ServerContext* c, const v1::RevokeApiKeyRequest* req,
                                             v1::RevokeApiKeyResponse*) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoRevoke(call, req->id()); });
}

absl::Status AuthInternalServiceImpl::DoVerify(const std::string& key, v1::ApiKeyIdentity* out) {
  auto parsed = ParseApiKey(key);
  if (!parsed) return KeyRejected();
  bool valid = false;
  absl::Status status = db::InTransaction(pool_, {.org_id = parsed->org_id}, [&](db::Transaction& tx) {
    valid = false;
    auto r = tx.Execute(kVerifyKey, db::Bytes{parsed->hash});
    if (!r.ok()) return r.status();
    if (r->rows() == 0 || r->Bool(0, 4) || r->Bool(0, 5) || r->Text(0, 7) != "active") return absl::OkStatus();
    if (r->Text(0, 9) != "active") {
      return errors::WithCode(absl::PermissionDeniedError("organization is suspended"), errors::kOrgSuspended);
    }
    // The key's permissions, narrowed to what its creator holds today: a
    // demoted creator's keys shrink with them.
    auto held = RolePermissions(tx, r->Text(0, 6));
    if (!held.ok()) return held.status();
    out->set_org_id(parsed->org_id);
    out->set_user_id(r->String(0, 1));
    out->set_api_key_id(r->String(0, 0));
    for (auto& p : text::SplitList(r->Text(0, 2))) {
      if (std::find(held->begin(), held->end(), p) != held->end()) out->add_permissions(std::move(p));
    }
    out->set_brand_access(r->String(0, 8));
    out->set_expires_at_unix(r->Int(0, 3));
    valid = true;
    if (r->Bool(0, 10)) return tx.Execute(kTouchKey, out->api_key_id()).status();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return valid ? absl::OkStatus() : KeyRejected();
}

grpc::Status AuthInternalServiceImpl::VerifyApiKey(grpc::ServerContext* c, const v1::VerifyApiKeyRequest* req,
                                                   v1::ApiKeyIdentity* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoVerify(req->key(), out); });
}

grpc::Status AuthInternalServiceImpl::ListSuspendedOrganizations(grpc::ServerContext* c,
                                                                 const v1::ListSuspendedOrganizationsRequest*,
                                                                 v1::ListSuspendedOrganizationsResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) {
    return db::InTransaction(pool_, {.read_only = true}, [&](db::Transaction& tx) {
      out->Clear();
      auto r = tx.Execute(kInactiveOrgs);
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->rows(); ++i) out->add_org_ids(r->String(i, 0));
      return absl::OkStatus();
    });
  });
}

}  // namespace sentra::auth

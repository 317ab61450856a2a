#include "internal_service.h"

#include <algorithm>

#include "pg_grant.h"
#include "scoped_token.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/service/serve.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

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
constexpr db::Query kTouchKey{"auth.touch_api_key",
                              "UPDATE api_keys SET last_used_at = now() WHERE org_id = current_org() AND id = $1"};
constexpr db::Query kInactiveOrgs{"auth.inactive_orgs", "SELECT id FROM organizations WHERE status <> 'active'"};

absl::Status KeyRejected() { return absl::UnauthenticatedError("API key is invalid, expired or revoked"); }

}  // namespace

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

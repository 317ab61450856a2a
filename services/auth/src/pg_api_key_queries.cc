#include "pg_api_key_queries.h"

#include <google/protobuf/util/time_util.h>

#include "pg_grant.h"
#include "sentra/db/params.h"
#include "sentra/db/query.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

#define SENTRA_KEY_COLUMNS                                                              \
  "id, name, prefix, array_to_string(permissions, ','), "                              \
  "coalesce((extract(epoch from expires_at) * 1000000)::bigint, 0), "                   \
  "coalesce((extract(epoch from last_used_at) * 1000000)::bigint, 0), "                 \
  "coalesce((extract(epoch from revoked_at) * 1000000)::bigint, 0), created_by, "       \
  "(extract(epoch from created_at) * 1000000)::bigint"
constexpr Query kInsert{
    "auth.insert_api_key",
    "INSERT INTO api_keys (id, org_id, created_by, name, prefix, secret_hash, permissions, expires_at) "
    "VALUES ($2, $1, $3, $4, $5, $6, string_to_array($7, ','), " SENTRA_SQL_MICROS("NULLIF($8::bigint, 0)") ") "
    "RETURNING " SENTRA_KEY_COLUMNS};
constexpr Query kList{"auth.list_api_keys",
                      "SELECT " SENTRA_KEY_COLUMNS " FROM api_keys WHERE org_id = $1 "
                      "AND ($2 = '' OR id > NULLIF($2, '')::uuid) ORDER BY id LIMIT $3"};
#undef SENTRA_KEY_COLUMNS
constexpr Query kRevoke{"auth.revoke_api_key",
                        "UPDATE api_keys SET revoked_at = now() "
                        "WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id"};
constexpr Query kExists{"auth.api_key_exists", "SELECT 1 FROM api_keys WHERE org_id = $1 AND id = $2"};

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

}  // namespace

absl::StatusOr<Grant> PgApiKeyQueries::CallerGrant(const service::CallContext& call, std::string_view permission) {
  return CallerGrantNow(tx_, call, permission);
}

absl::StatusOr<std::vector<v1::ApiKey>> PgApiKeyQueries::List(const service::IdPage& page) {
  auto rows = tx_.Execute(kList, tx_.org_id(), page.after_id, page.limit + 1);
  if (!rows.ok()) return rows.status();
  std::vector<v1::ApiKey> keys(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadKey(*rows, i, &keys[static_cast<std::size_t>(i)]);
  return keys;
}

absl::StatusOr<v1::ApiKey> PgApiKeyQueries::Insert(const ApiKeyToStore& k) {
  auto rows = tx_.Execute(kInsert, tx_.org_id(), k.id, k.created_by, k.name, k.prefix, db::Bytes{k.secret_hash},
                          text::JoinList(k.permissions), k.expires_at_micros);
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return absl::InternalError("an API key just stored is not returned");
  v1::ApiKey key;
  ReadKey(*rows, 0, &key);
  return key;
}

absl::StatusOr<Revocation> PgApiKeyQueries::Revoke(std::string_view id) {
  auto revoked = tx_.Execute(kRevoke, tx_.org_id(), id);
  if (!revoked.ok()) return revoked.status();
  if (revoked->rows() > 0) return Revocation::kRevoked;
  auto exists = tx_.Execute(kExists, tx_.org_id(), id);
  if (!exists.ok()) return exists.status();
  return exists->rows() > 0 ? Revocation::kAlreadyRevoked : Revocation::kNoSuchKey;
}

}  // namespace sentra::auth

#include "pg_brand_queries.h"

#include <google/protobuf/util/time_util.h>

#include "pg_grant.h"
#include "sentra/db/params.h"
#include "sentra/db/query.h"

namespace sentra::auth {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

#define SENTRA_BRAND_COLUMNS                                                   \
  "id, name, slug, coalesce(domain, ''), sender_name, sender_email, version, " \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint"
constexpr Query kList{"auth.list_brands",
                      "SELECT " SENTRA_BRAND_COLUMNS " FROM brands WHERE org_id = $1 "
                      "AND ($2 = '' OR id > NULLIF($2, '')::uuid) ORDER BY id LIMIT $3"};
constexpr Query kFind{"auth.get_brand", "SELECT " SENTRA_BRAND_COLUMNS " FROM brands WHERE org_id = $1 AND id = $2"};
constexpr Query kInsert{
    "auth.insert_brand",
    "INSERT INTO brands (id, org_id, name, slug, domain, sender_name, sender_email) "
    "VALUES ($2, $1, $3, $4, NULLIF($5, ''), $6, $7) RETURNING " SENTRA_BRAND_COLUMNS};
// A NULL parameter leaves its column as it is; '' clears the domain.
constexpr Query kUpdate{
    "auth.update_brand",
    "UPDATE brands SET name = coalesce($3, name), slug = coalesce($4, slug), "
    "domain = CASE WHEN $5::text IS NULL THEN domain ELSE NULLIF($5, '') END, "
    "sender_name = coalesce($6, sender_name), sender_email = coalesce($7, sender_email), "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND ($8::int IS NULL OR version = $8) RETURNING " SENTRA_BRAND_COLUMNS};
constexpr Query kCount{"auth.count_org_brands", "SELECT count(*) FROM brands WHERE org_id = $1"};
constexpr Query kDelete{"auth.delete_brand", "DELETE FROM brands WHERE org_id = $1 AND id = $2"};
// Members limited to the deleted brand lose it from their list.
constexpr Query kForget{
    "auth.forget_brand",
    "UPDATE memberships SET brand_ids = array_remove(brand_ids, $2::uuid), version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND $2::uuid = ANY(brand_ids)"};
#undef SENTRA_BRAND_COLUMNS

void ReadBrand(const db::Result& r, int row, v1::Brand* b) {
  b->set_id(r.String(row, 0));
  b->set_name(r.String(row, 1));
  b->set_slug(r.String(row, 2));
  b->set_domain(r.String(row, 3));
  b->set_sender_name(r.String(row, 4));
  b->set_sender_email(r.String(row, 5));
  b->set_version(static_cast<int>(r.Int(row, 6)));
  *b->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 7));
  *b->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
}

absl::StatusOr<std::optional<v1::Brand>> OneBrand(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Brand brand;
  ReadBrand(*rows, 0, &brand);
  return brand;
}

}  // namespace

absl::StatusOr<Grant> PgBrandQueries::CallerGrant(const service::CallContext& call, std::string_view permission) {
  return CallerGrantNow(tx_, call, permission);
}

absl::StatusOr<std::vector<v1::Brand>> PgBrandQueries::List(const service::IdPage& page) {
  auto rows = tx_.Execute(kList, tx_.org_id(), page.after_id, page.limit + 1);
  if (!rows.ok()) return rows.status();
  std::vector<v1::Brand> brands(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadBrand(*rows, i, &brands[static_cast<std::size_t>(i)]);
  return brands;
}

absl::StatusOr<std::optional<v1::Brand>> PgBrandQueries::Find(std::string_view id) {
  return OneBrand(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<v1::Brand> PgBrandQueries::Insert(std::string_view id, const v1::CreateBrandRequest& v) {
  auto inserted = OneBrand(tx_.Execute(kInsert, tx_.org_id(), id, v.name(), v.slug(), v.domain(), v.sender_name(),
                                       v.sender_email()));
  if (!inserted.ok()) return inserted.status();
  if (!*inserted) return absl::InternalError("a brand just stored is not returned");
  return **std::move(inserted);
}

absl::StatusOr<std::optional<v1::Brand>> PgBrandQueries::Update(std::string_view id,
                                                                const v1::UpdateBrandRequest& c) {
  using db::IfPresent;
  return OneBrand(tx_.Execute(kUpdate, tx_.org_id(), id, IfPresent(c.has_name(), c.name()),
                              IfPresent(c.has_slug(), c.slug()), IfPresent(c.has_domain(), c.domain()),
                              IfPresent(c.has_sender_name(), c.sender_name()),
                              IfPresent(c.has_sender_email(), c.sender_email()),
                              IfPresent<std::int64_t>(c.has_version(), c.version())));
}

absl::StatusOr<bool> PgBrandQueries::Delete(std::string_view id) {
  auto deleted = tx_.Execute(kDelete, tx_.org_id(), id);
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) return false;
  auto forgot = tx_.Execute(kForget, tx_.org_id(), id);
  if (!forgot.ok()) return forgot.status();
  return true;
}

absl::StatusOr<int> PgBrandQueries::LockAndCount() {
  if (auto s = db::TakeTurn(tx_, "brands"); !s.ok()) return s;
  auto rows = tx_.Execute(kCount, tx_.org_id());
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows->Int(0, 0));
}

}  // namespace sentra::auth

#include "pg_client_queries.h"

#include <google/protobuf/util/time_util.h>

#include "pg_custom_field_queries.h"
#include "json_columns.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"
#include "sentra/service/patch_fields.h"

namespace sentra::core {

namespace {

using google::protobuf::util::TimeUtil;

// The columns every statement returns, in the order ReadClient reads them.
#define SENTRA_CLIENT_COLUMNS                                                                                     \
  "id, kind, name, coalesce(email, ''), coalesce(phone, ''), coalesce(website, ''), coalesce(notes, ''), "          \
  "coalesce(owner_id::text, ''), coalesce(brand_id::text, ''), version, "                                          \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint, "     \
  "coalesce((extract(epoch from archived_at) * 1000000)::bigint, 0), custom_fields::text, array_to_json(tags)::text, " \
  "coalesce(currency, '')"

void ReadClient(const db::Result& r, int row, v1::Client* client) {
  client->set_id(r.String(row, 0));
  client->set_kind(r.String(row, 1));
  client->set_name(r.String(row, 2));
  client->set_email(r.String(row, 3));
  client->set_phone(r.String(row, 4));
  client->set_website(r.String(row, 5));
  client->set_notes(r.String(row, 6));
  client->set_owner_id(r.String(row, 7));
  client->set_brand_id(r.String(row, 8));
  client->set_version(static_cast<int>(r.Int(row, 9)));
  *client->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 10));
  *client->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 11));
  if (r.Int(row, 12) != 0) *client->mutable_archived_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 12));
  ReadObject(r.Text(row, 13), client->mutable_custom_fields());
  ReadStringList(r.Text(row, 14), client->mutable_tags());
  client->set_currency(r.String(row, 15));
}

// Statements name org_id as well as RLS does: the predicate is what the
// indexes are used for.
constexpr db::Query kInsert{
    "core.insert_client",
    "INSERT INTO clients (id, org_id, kind, name, email, phone, website, notes, owner_id, brand_id, custom_fields, "
    "tags, currency) "
    "VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), NULLIF($8, ''), "
    "NULLIF($9, '')::uuid, NULLIF($10, '')::uuid, $11::jsonb, ARRAY(SELECT jsonb_array_elements_text($12::jsonb)), "
    "NULLIF($13, '')) "
    "RETURNING " SENTRA_CLIENT_COLUMNS};

constexpr db::Query kFind{"core.get_client",
                          "SELECT " SENTRA_CLIENT_COLUMNS " FROM clients WHERE org_id = $1 AND id = $2"};
constexpr db::Query kLock{"core.lock_client", "SELECT " SENTRA_CLIENT_COLUMNS
                                              " FROM clients WHERE org_id = $1 AND id = $2 FOR NO KEY UPDATE"};

// $2 text pattern, $3 kind, $4 brand, $5 owner, $6 archived ones, $7 after id ("" for the first page),
// $8 after name, $9 limit. One statement per order, each an index's walk.
#define SENTRA_CLIENT_LIST(AFTER, ORDER)                                                                         \
  SENTRA_SQL_PAGE(SENTRA_CLIENT_COLUMNS, "listed_bytes",                                                       \
                  "clients WHERE org_id = $1 AND (archived_at IS NOT NULL) = $6 "                               \
                  "AND ($2 = '' OR name ILIKE $2 OR email ILIKE $2) AND ($3 = '' OR kind = $3) "                \
                  "AND ($4 = '' OR brand_id = NULLIF($4, '')::uuid) AND ($5 = '' OR owner_id = NULLIF($5, '')::uuid) " \
                  AFTER,                                                                                        \
                  ORDER, "$9")
constexpr db::Query kListOldest{
    "core.list_clients",
    SENTRA_CLIENT_LIST("AND ($7 = '' OR id > NULLIF($7, '')::uuid) AND $8::text IS NOT NULL", "id")};
constexpr db::Query kListNewest{
    "core.list_clients_newest",
    SENTRA_CLIENT_LIST("AND ($7 = '' OR id < NULLIF($7, '')::uuid) AND $8::text IS NOT NULL", "id DESC")};
constexpr db::Query kListByName{
    "core.list_clients_by_name",
    SENTRA_CLIENT_LIST("AND ($7 = '' OR (name" SENTRA_SQL_NAME_ORDER ", id) > ($8, NULLIF($7, '')::uuid))",
                       "name" SENTRA_SQL_NAME_ORDER ", id")};
constexpr db::Query kListByNameDesc{
    "core.list_clients_by_name_desc",
    SENTRA_CLIENT_LIST("AND ($7 = '' OR (name" SENTRA_SQL_NAME_ORDER ", id) < ($8, NULLIF($7, '')::uuid))",
                       "name" SENTRA_SQL_NAME_ORDER "DESC, id DESC")};
#undef SENTRA_CLIENT_LIST
// Indexed by service::SortedPage::variant().
constexpr const db::Query* kListIn[] = {&kListOldest, &kListNewest, &kListByName, &kListByNameDesc};

// A NULL parameter leaves its column as it is; '' clears an optional column.
constexpr db::Query kUpdate{
    "core.update_client",
    "UPDATE clients SET kind = coalesce($3, kind), name = coalesce($4, name), "
    "email = CASE WHEN $5::text IS NULL THEN email ELSE NULLIF($5, '') END, "
    "phone = CASE WHEN $6::text IS NULL THEN phone ELSE NULLIF($6, '') END, "
    "website = CASE WHEN $7::text IS NULL THEN website ELSE NULLIF($7, '') END, "
    "notes = CASE WHEN $8::text IS NULL THEN notes ELSE NULLIF($8, '') END, "
    "owner_id = CASE WHEN $9::text IS NULL THEN owner_id ELSE NULLIF($9, '')::uuid END, "
    "brand_id = CASE WHEN $10::text IS NULL THEN brand_id ELSE NULLIF($10, '')::uuid END, "
    "custom_fields = coalesce($12::jsonb, custom_fields), "
    "tags = CASE WHEN $13::jsonb IS NULL THEN tags ELSE ARRAY(SELECT jsonb_array_elements_text($13::jsonb)) END, "
    "currency = CASE WHEN $14::text IS NULL THEN currency ELSE NULLIF($14, '') END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND ($11::int IS NULL OR version = $11::int) "
    "RETURNING " SENTRA_CLIENT_COLUMNS};

// $3: archive (true) or restore; only a client in the other state changes.
constexpr db::Query kSetArchived{
    "core.set_client_archived",
    "UPDATE clients SET archived_at = CASE WHEN $3 THEN now() END, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND (archived_at IS NULL) = $3 RETURNING " SENTRA_CLIENT_COLUMNS};

#undef SENTRA_CLIENT_COLUMNS

// The one row of `rows`, or nothing.
absl::StatusOr<std::optional<v1::Client>> OneClient(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Client client;
  ReadClient(*rows, 0, &client);
  return client;
}

}  // namespace

absl::StatusOr<v1::Client> PgClientQueries::Insert(std::string_view id, const v1::CreateClientRequest& v) {
  auto row = tx_.Execute(kInsert, id, tx_.org_id(), v.kind(), v.name(), v.email(), v.phone(), v.website(),
                         v.notes(), v.owner_id(), v.brand_id(), ObjectJson(v.custom_fields()), StringListJson(v.tags()),
                         v.currency());
  if (!row.ok()) return row.status();
  v1::Client client;
  ReadClient(*row, 0, &client);
  return client;
}

absl::StatusOr<std::optional<v1::Client>> PgClientQueries::Find(std::string_view id) {
  return OneClient(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<bool> PgClientQueries::List(const ClientFilter& filter, v1::ListClientsResponse* out) {
  const service::SortedPage& order = filter.order;
  auto rows = tx_.Execute(*kListIn[order.variant()], tx_.org_id(), filter.pattern, filter.kind, filter.brand_id,
                          filter.owner_id, filter.archived, order.page.after_id, order.after_key,
                          order.page.limit + 1);
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->rows(); ++i) ReadClient(*rows, i, out->add_data());
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<v1::Client>> PgClientQueries::Update(const v1::UpdateClientRequest& p) {
  using db::IfPresent;
  return OneClient(tx_.Execute(
      kUpdate, tx_.org_id(), p.id(), IfPresent(p.has_kind(), p.kind()), IfPresent(p.has_name(), p.name()),
      IfPresent(p.has_email(), p.email()), IfPresent(p.has_phone(), p.phone()),
      IfPresent(p.has_website(), p.website()), IfPresent(p.has_notes(), p.notes()),
      IfPresent(p.has_owner_id(), p.owner_id()), IfPresent(p.has_brand_id(), p.brand_id()),
      IfPresent<std::int64_t>(p.has_version(), p.version()),
      IfPresent(p.has_custom_fields(), ObjectJson(p.custom_fields())),
      IfPresent(service::BodyHas(p, "tags"), StringListJson(p.tags())), IfPresent(p.has_currency(), p.currency())));
}

absl::StatusOr<std::optional<v1::Client>> PgClientQueries::Lock(std::string_view id) {
  return OneClient(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<SharedFieldDefinitions> PgClientQueries::FieldDefinitions() {
  return LoadFieldDefinitions(tx_, "client");
}

absl::StatusOr<std::optional<v1::Client>> PgClientQueries::SetArchived(std::string_view id, bool archived) {
  return OneClient(tx_.Execute(kSetArchived, tx_.org_id(), id, archived));
}

}  // namespace sentra::core

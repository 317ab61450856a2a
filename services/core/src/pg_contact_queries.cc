#include "pg_contact_queries.h"

#include <google/protobuf/util/time_util.h>

#include "pg_custom_field_queries.h"
#include "json_columns.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"
#include "sentra/service/patch_fields.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// The columns every statement returns (`c` the contact), in ReadContact's order.
#define SENTRA_CONTACT_COLUMNS                                                                             \
  "c.id, c.client_id, c.name, coalesce(c.email, ''), coalesce(c.phone, ''), coalesce(c.title, ''), "       \
  "c.is_primary, c.version, (extract(epoch from c.created_at) * 1000000)::bigint, "                        \
  "(extract(epoch from c.updated_at) * 1000000)::bigint, c.custom_fields::text, array_to_json(c.tags)::text"
// A live contact of a live client the caller sees (RLS on clients).
#define SENTRA_LIVE_CONTACT                                                                                 \
  "c.org_id = $1 AND c.archived_at IS NULL AND EXISTS (SELECT 1 FROM clients cl WHERE cl.org_id = c.org_id " \
  "AND cl.id = c.client_id AND cl.archived_at IS NULL) "

void ReadContact(const db::Result& r, int row, v1::Contact* c) {
  c->set_id(r.String(row, 0));
  c->set_client_id(r.String(row, 1));
  c->set_name(r.String(row, 2));
  c->set_email(r.String(row, 3));
  c->set_phone(r.String(row, 4));
  c->set_title(r.String(row, 5));
  c->set_is_primary(r.Bool(row, 6));
  c->set_version(static_cast<int>(r.Int(row, 7)));
  *c->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
  *c->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 9));
  ReadObject(r.Text(row, 10), c->mutable_custom_fields());
  ReadStringList(r.Text(row, 11), c->mutable_tags());
}

constexpr Query kClientVisible{"core.contact_client_visible",
                               "SELECT 1 FROM clients WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};
// NO KEY UPDATE: contact writes of one client take turns, while inserts
// referencing the client (KEY SHARE) do not wait.
constexpr Query kLockClient{
    "core.contact_lock_client",
    "SELECT 1 FROM clients WHERE org_id = $1 AND id = $2 AND archived_at IS NULL FOR NO KEY UPDATE"};
constexpr Query kHasPrimary{
    "core.contact_has_primary",
    "SELECT 1 FROM contacts WHERE org_id = $1 AND client_id = $2 AND is_primary AND archived_at IS NULL"};
constexpr Query kClearPrimary{
    "core.contact_clear_primary",
    "UPDATE contacts c SET is_primary = false, version = c.version + 1, updated_at = now() "
    "WHERE c.org_id = $1 AND c.client_id = $2 AND c.is_primary AND c.archived_at IS NULL "
    "RETURNING " SENTRA_CONTACT_COLUMNS};
constexpr Query kPromoteOldest{
    "core.contact_promote_oldest",
    "UPDATE contacts c SET is_primary = true, version = c.version + 1, updated_at = now() "
    "WHERE c.org_id = $1 AND c.id = (SELECT id FROM contacts WHERE org_id = $1 AND client_id = $2 "
    "AND archived_at IS NULL ORDER BY id LIMIT 1) RETURNING " SENTRA_CONTACT_COLUMNS};
constexpr Query kInsert{
    "core.insert_contact",
    "INSERT INTO contacts AS c (org_id, id, client_id, name, email, phone, title, is_primary, custom_fields, tags) "
    "VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), $8, $9::jsonb, "
    "ARRAY(SELECT jsonb_array_elements_text($10::jsonb))) "
    "RETURNING " SENTRA_CONTACT_COLUMNS};
constexpr Query kFind{"core.get_contact",
                      "SELECT " SENTRA_CONTACT_COLUMNS " FROM contacts c WHERE " SENTRA_LIVE_CONTACT "AND c.id = $2"};
// $3 after id ("" for the first page), $4 after name, $5 limit. One statement per order.
#define SENTRA_CONTACT_LIST(AFTER, ORDER)                                                                    \
  SENTRA_SQL_PAGE(SENTRA_CONTACT_COLUMNS, "c.listed_bytes",                                                 \
                  "contacts c WHERE " SENTRA_LIVE_CONTACT "AND c.client_id = $2 " AFTER, ORDER, "$5")
constexpr Query kListOldest{
    "core.list_contacts",
    SENTRA_CONTACT_LIST("AND ($3 = '' OR c.id > NULLIF($3, '')::uuid) AND $4::text IS NOT NULL", "c.id")};
constexpr Query kListNewest{
    "core.list_contacts_newest",
    SENTRA_CONTACT_LIST("AND ($3 = '' OR c.id < NULLIF($3, '')::uuid) AND $4::text IS NOT NULL", "c.id DESC")};
constexpr Query kListByName{
    "core.list_contacts_by_name",
    SENTRA_CONTACT_LIST("AND ($3 = '' OR (c.name" SENTRA_SQL_NAME_ORDER ", c.id) > ($4, NULLIF($3, '')::uuid))",
                        "c.name" SENTRA_SQL_NAME_ORDER ", c.id")};
constexpr Query kListByNameDesc{
    "core.list_contacts_by_name_desc",
    SENTRA_CONTACT_LIST("AND ($3 = '' OR (c.name" SENTRA_SQL_NAME_ORDER ", c.id) < ($4, NULLIF($3, '')::uuid))",
                        "c.name" SENTRA_SQL_NAME_ORDER "DESC, c.id DESC")};
#undef SENTRA_CONTACT_LIST
// Indexed by service::SortedPage::variant().
constexpr const Query* kListIn[] = {&kListOldest, &kListNewest, &kListByName, &kListByNameDesc};
// A NULL parameter leaves its column as it is; '' clears an optional column.
constexpr Query kUpdate{
    "core.update_contact",
    "UPDATE contacts c SET name = coalesce($3, c.name), "
    "email = CASE WHEN $4::text IS NULL THEN c.email ELSE NULLIF($4, '') END, "
    "phone = CASE WHEN $5::text IS NULL THEN c.phone ELSE NULLIF($5, '') END, "
    "title = CASE WHEN $6::text IS NULL THEN c.title ELSE NULLIF($6, '') END, "
    "is_primary = c.is_primary OR coalesce($7, false), custom_fields = coalesce($9::jsonb, c.custom_fields), "
    "tags = CASE WHEN $10::jsonb IS NULL THEN c.tags ELSE ARRAY(SELECT jsonb_array_elements_text($10::jsonb)) END, "
    "version = c.version + 1, updated_at = now() "
    "WHERE " SENTRA_LIVE_CONTACT "AND c.id = $2 AND ($8::int IS NULL OR c.version = $8::int) "
    "RETURNING " SENTRA_CONTACT_COLUMNS};
constexpr Query kArchive{
    "core.archive_contact",
    "UPDATE contacts c SET archived_at = now(), is_primary = false, version = c.version + 1, updated_at = now() "
    "WHERE " SENTRA_LIVE_CONTACT "AND c.id = $2 RETURNING " SENTRA_CONTACT_COLUMNS};

#undef SENTRA_CONTACT_COLUMNS
#undef SENTRA_LIVE_CONTACT

absl::StatusOr<std::optional<v1::Contact>> OneContact(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Contact contact;
  ReadContact(*rows, 0, &contact);
  return contact;
}

absl::StatusOr<bool> AnyRow(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  return rows->rows() > 0;
}

}  // namespace

absl::StatusOr<bool> PgContactQueries::ClientVisible(std::string_view client_id) {
  return AnyRow(tx_.Execute(kClientVisible, tx_.org_id(), client_id));
}

absl::StatusOr<bool> PgContactQueries::LockClient(std::string_view client_id) {
  return AnyRow(tx_.Execute(kLockClient, tx_.org_id(), client_id));
}

absl::StatusOr<bool> PgContactQueries::HasPrimary(std::string_view client_id) {
  return AnyRow(tx_.Execute(kHasPrimary, tx_.org_id(), client_id));
}

absl::StatusOr<std::optional<v1::Contact>> PgContactQueries::ClearPrimary(std::string_view client_id) {
  return OneContact(tx_.Execute(kClearPrimary, tx_.org_id(), client_id));
}

absl::StatusOr<std::optional<v1::Contact>> PgContactQueries::PromoteOldest(std::string_view client_id) {
  return OneContact(tx_.Execute(kPromoteOldest, tx_.org_id(), client_id));
}

absl::StatusOr<v1::Contact> PgContactQueries::Insert(std::string_view id, const v1::CreateContactRequest& v,
                                                     bool is_primary) {
  auto row = tx_.Execute(kInsert, tx_.org_id(), id, v.client_id(), v.name(), v.email(), v.phone(), v.title(),
                         is_primary, ObjectJson(v.custom_fields()), StringListJson(v.tags()));
  if (!row.ok()) return row.status();
  v1::Contact contact;
  ReadContact(*row, 0, &contact);
  return contact;
}

absl::StatusOr<std::optional<v1::Contact>> PgContactQueries::Find(std::string_view id) {
  return OneContact(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<bool> PgContactQueries::List(std::string_view client_id, const service::SortedPage& order,
                                            v1::ListContactsResponse* out) {
  auto rows = tx_.Execute(*kListIn[order.variant()], tx_.org_id(), client_id, order.page.after_id, order.after_key,
                          order.page.limit + 1);
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->rows(); ++i) ReadContact(*rows, i, out->add_data());
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<v1::Contact>> PgContactQueries::Update(const v1::UpdateContactRequest& p) {
  using db::IfPresent;
  return OneContact(tx_.Execute(kUpdate, tx_.org_id(), p.id(), IfPresent(p.has_name(), p.name()),
                                IfPresent(p.has_email(), p.email()), IfPresent(p.has_phone(), p.phone()),
                                IfPresent(p.has_title(), p.title()), IfPresent(p.has_is_primary(), p.is_primary()),
                                IfPresent<std::int64_t>(p.has_version(), p.version()),
                                IfPresent(p.has_custom_fields(), ObjectJson(p.custom_fields())),
                                IfPresent(service::BodyHas(p, "tags"), StringListJson(p.tags()))));
}

absl::StatusOr<SharedFieldDefinitions> PgContactQueries::FieldDefinitions() {
  return LoadFieldDefinitions(tx_, "contact");
}

absl::StatusOr<std::optional<v1::Contact>> PgContactQueries::Archive(std::string_view id) {
  return OneContact(tx_.Execute(kArchive, tx_.org_id(), id));
}

}  // namespace sentra::core

#include "pg_lead_queries.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
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

// The columns every statement returns, in the order ReadLead reads them.
#define SENTRA_LEAD_COLUMNS                                                                    \
  "id, name, coalesce(email, ''), coalesce(phone, ''), coalesce(company, ''), source, status, " \
  "score, coalesce(notes, ''), coalesce(owner_id::text, ''), array_to_json(tags)::text, version, " \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint, " \
  "coalesce(brand_id::text, ''), coalesce(client_id::text, ''), custom_fields::text"

void ReadLead(const db::Result& r, int row, v1::Lead* lead) {
  lead->set_id(r.String(row, 0));
  lead->set_name(r.String(row, 1));
  lead->set_email(r.String(row, 2));
  lead->set_phone(r.String(row, 3));
  lead->set_company(r.String(row, 4));
  lead->set_source(r.String(row, 5));
  lead->set_status(r.String(row, 6));
  lead->set_score(static_cast<int>(r.Int(row, 7)));
  lead->set_notes(r.String(row, 8));
  lead->set_owner_id(r.String(row, 9));
  ReadStringList(r.Text(row, 10), lead->mutable_tags());
  lead->set_version(static_cast<int>(r.Int(row, 11)));
  *lead->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 12));
  *lead->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 13));
  lead->set_brand_id(r.String(row, 14));
  lead->set_client_id(r.String(row, 15));
  ReadObject(r.Text(row, 16), lead->mutable_custom_fields());
}

// Statements name org_id as well as RLS does: the predicate is what the
// indexes are used for.
#define SENTRA_LEAD_FILTERS                                                              \
  "org_id = $1 AND archived_at IS NULL AND ($2 = '' OR status = $2) "                     \
  "AND ($3 = '' OR source = $3) AND ($4 = '' OR owner_id::text = $4) "                    \
  "AND ($5 = '' OR name ILIKE $5 OR email ILIKE $5 OR company ILIKE $5) "                    \
  "AND ($9 = '' OR brand_id = NULLIF($9, '')::uuid) "

constexpr Query kInsert{
    "core.insert_lead",
    "INSERT INTO leads (id, org_id, owner_id, name, email, phone, company, source, status, score, notes, tags, "
    "brand_id, custom_fields) "
    "VALUES ($1, $2, NULLIF($3, '')::uuid, $4, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), $8, $9, $10, "
    "NULLIF($11, ''), ARRAY(SELECT jsonb_array_elements_text($12::jsonb)), NULLIF($13, '')::uuid, $14::jsonb) "
    "RETURNING " SENTRA_LEAD_COLUMNS};

constexpr Query kFind{"core.get_lead", "SELECT " SENTRA_LEAD_COLUMNS
                                       " FROM leads WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};
constexpr Query kLock{"core.lock_lead", "SELECT " SENTRA_LEAD_COLUMNS " FROM leads WHERE org_id = $1 AND id = $2 "
                                        "AND archived_at IS NULL FOR NO KEY UPDATE"};

// $6 cursor id ("" for the first page), $7 cursor name, $8 limit, $9 brand filter.
#define SENTRA_LEAD_PAGE(AFTER, ORDER) \
  SENTRA_SQL_PAGE(SENTRA_LEAD_COLUMNS, "listed_bytes", "leads WHERE " SENTRA_LEAD_FILTERS AFTER, ORDER, "$8")
constexpr Query kListByIdAsc{"core.list_leads_id_asc",
                             SENTRA_LEAD_PAGE("AND ($6 = '' OR id > NULLIF($6, '')::uuid) AND $7::text IS NOT NULL",
                                              "id")};
constexpr Query kListByIdDesc{"core.list_leads_id_desc",
                              SENTRA_LEAD_PAGE("AND ($6 = '' OR id < NULLIF($6, '')::uuid) AND $7::text IS NOT NULL",
                                               "id DESC")};
constexpr Query kListByNameAsc{
    "core.list_leads_name_asc",
    SENTRA_LEAD_PAGE("AND ($6 = '' OR (name" SENTRA_SQL_NAME_ORDER ", id) > ($7, NULLIF($6, '')::uuid))",
                     "name" SENTRA_SQL_NAME_ORDER ", id")};
constexpr Query kListByNameDesc{
    "core.list_leads_name_desc",
    SENTRA_LEAD_PAGE("AND ($6 = '' OR (name" SENTRA_SQL_NAME_ORDER ", id) < ($7, NULLIF($6, '')::uuid))",
                     "name" SENTRA_SQL_NAME_ORDER "DESC, id DESC")};
#undef SENTRA_LEAD_PAGE

// A NULL parameter leaves its column as it is; '' clears an optional column.
constexpr Query kUpdate{
    "core.update_lead",
    "UPDATE leads SET "
    "name = coalesce($3, name), "
    "email = CASE WHEN $4::text IS NULL THEN email ELSE NULLIF($4, '') END, "
    "phone = CASE WHEN $5::text IS NULL THEN phone ELSE NULLIF($5, '') END, "
    "company = CASE WHEN $6::text IS NULL THEN company ELSE NULLIF($6, '') END, "
    "source = coalesce($7, source), status = coalesce($8, status), score = coalesce($9::int, score), "
    "notes = CASE WHEN $10::text IS NULL THEN notes ELSE NULLIF($10, '') END, "
    "owner_id = CASE WHEN $11::text IS NULL THEN owner_id ELSE NULLIF($11, '')::uuid END, "
    "brand_id = CASE WHEN $13::text IS NULL THEN brand_id ELSE NULLIF($13, '')::uuid END, "
    "custom_fields = coalesce($14::jsonb, custom_fields), "
    "tags = CASE WHEN $15::jsonb IS NULL THEN tags ELSE ARRAY(SELECT jsonb_array_elements_text($15::jsonb)) END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND ($12::int IS NULL OR version = $12::int) "
    "AND ($8::text IS NULL OR status <> 'converted') RETURNING " SENTRA_LEAD_COLUMNS};

constexpr Query kArchive{
    "core.archive_lead",
    "UPDATE leads SET archived_at = now(), version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL RETURNING " SENTRA_LEAD_COLUMNS};

// Only a lead not converted yet: of two concurrent conversions, the second
// finds none once the first commits.
constexpr Query kConvert{
    "core.convert_lead",
    "UPDATE leads SET status = 'converted', client_id = $3, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND status <> 'converted' RETURNING " SENTRA_LEAD_COLUMNS};

#undef SENTRA_LEAD_FILTERS
#undef SENTRA_LEAD_COLUMNS

// Indexed by service::SortedPage::variant().
constexpr const Query* kListIn[] = {&kListByIdAsc, &kListByIdDesc, &kListByNameAsc, &kListByNameDesc};

absl::StatusOr<std::optional<v1::Lead>> OneLead(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Lead lead;
  ReadLead(*rows, 0, &lead);
  return lead;
}

}  // namespace

absl::StatusOr<v1::Lead> PgLeadQueries::Insert(std::string_view id, const v1::CreateLeadRequest& v) {
  auto row = tx_.Execute(kInsert, id, tx_.org_id(), v.owner_id(), v.name(), v.email(), v.phone(), v.company(),
                         v.source(), v.status(), v.score(), v.notes(), StringListJson(v.tags()), v.brand_id(),
                         ObjectJson(v.custom_fields()));
  if (!row.ok()) return row.status();
  v1::Lead lead;
  ReadLead(*row, 0, &lead);
  return lead;
}

absl::StatusOr<std::optional<v1::Lead>> PgLeadQueries::Find(std::string_view id) {
  return OneLead(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<bool> PgLeadQueries::List(const LeadFilter& f, v1::ListLeadsResponse* out) {
  auto rows = tx_.Execute(*kListIn[f.order.variant()], tx_.org_id(), f.status, f.source, f.owner_id, f.pattern,
                          f.order.page.after_id, f.order.after_key, f.order.page.limit + 1, f.brand_id);
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->rows(); ++i) ReadLead(*rows, i, out->add_data());
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<v1::Lead>> PgLeadQueries::Update(const v1::UpdateLeadRequest& p) {
  using db::IfPresent;
  return OneLead(tx_.Execute(
      kUpdate, tx_.org_id(), p.id(), IfPresent(p.has_name(), p.name()), IfPresent(p.has_email(), p.email()),
      IfPresent(p.has_phone(), p.phone()), IfPresent(p.has_company(), p.company()),
      IfPresent(p.has_source(), p.source()), IfPresent(p.has_status(), p.status()),
      IfPresent<std::int64_t>(p.has_score(), p.score()), IfPresent(p.has_notes(), p.notes()),
      IfPresent(p.has_owner_id(), p.owner_id()), IfPresent<std::int64_t>(p.has_version(), p.version()),
      IfPresent(p.has_brand_id(), p.brand_id()), IfPresent(p.has_custom_fields(), ObjectJson(p.custom_fields())),
      IfPresent(service::BodyHas(p, "tags"), StringListJson(p.tags()))));
}

absl::StatusOr<std::optional<v1::Lead>> PgLeadQueries::Lock(std::string_view id) {
  return OneLead(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<SharedFieldDefinitions> PgLeadQueries::FieldDefinitions() {
  return LoadFieldDefinitions(tx_, "lead");
}

absl::StatusOr<std::optional<v1::Lead>> PgLeadQueries::Archive(std::string_view id) {
  return OneLead(tx_.Execute(kArchive, tx_.org_id(), id));
}

absl::StatusOr<std::optional<v1::Lead>> PgLeadQueries::Convert(std::string_view id, std::string_view client_id) {
  return OneLead(tx_.Execute(kConvert, tx_.org_id(), id, client_id));
}

}  // namespace sentra::core

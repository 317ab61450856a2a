// core's lead SQL, one named statement each. Every statement names org_id
// explicitly as well: RLS is the safety net, the predicate is what the
// indexes are used for.
#pragma once

#include "sentra/db/query.h"

namespace sentra::core::sql {

using db::Query;

#define SENTRA_LEAD_COLUMNS                                                                    \
  "id, name, coalesce(email, ''), coalesce(phone, ''), coalesce(company, ''), source, status, " \
  "score, coalesce(notes, ''), coalesce(owner_id::text, ''), array_to_json(tags)::text, version, " \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint, " \
  "coalesce(brand_id::text, '')"

#define SENTRA_LEAD_FILTERS                                                              \
  "org_id = $1 AND archived_at IS NULL AND ($2 = '' OR status = $2) "                     \
  "AND ($3 = '' OR source = $3) AND ($4 = '' OR owner_id::text = $4) "                    \
  "AND ($5 = '' OR name ILIKE $5 OR email ILIKE $5 OR company ILIKE $5) "                    \
  "AND ($9 = '' OR brand_id = NULLIF($9, '')::uuid) "

constexpr Query kInsertLead{
    "core.insert_lead",
    "INSERT INTO leads (id, org_id, owner_id, name, email, phone, company, source, status, score, notes, tags, "
    "brand_id) "
    "VALUES ($1, $2, NULLIF($3, '')::uuid, $4, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), $8, $9, $10, "
    "NULLIF($11, ''), ARRAY(SELECT jsonb_array_elements_text($12::jsonb)), NULLIF($13, '')::uuid) "
    "RETURNING " SENTRA_LEAD_COLUMNS};

constexpr Query kGetLead{"core.get_lead",
                         "SELECT " SENTRA_LEAD_COLUMNS
                         " FROM leads WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};

// $6 cursor id (nullable), $7 cursor name, $8 limit, $9 brand filter.
constexpr Query kListByIdAsc{"core.list_leads_id_asc",
                             "SELECT " SENTRA_LEAD_COLUMNS " FROM leads WHERE " SENTRA_LEAD_FILTERS
                             "AND ($6::uuid IS NULL OR id > $6::uuid) AND $7::text IS NOT NULL "
                             "ORDER BY id LIMIT $8"};
constexpr Query kListByIdDesc{"core.list_leads_id_desc",
                              "SELECT " SENTRA_LEAD_COLUMNS " FROM leads WHERE " SENTRA_LEAD_FILTERS
                              "AND ($6::uuid IS NULL OR id < $6::uuid) AND $7::text IS NOT NULL "
                              "ORDER BY id DESC LIMIT $8"};
constexpr Query kListByNameAsc{"core.list_leads_name_asc",
                               "SELECT " SENTRA_LEAD_COLUMNS " FROM leads WHERE " SENTRA_LEAD_FILTERS
                               "AND ($6::uuid IS NULL OR (name, id) > ($7, $6::uuid)) "
                               "ORDER BY name, id LIMIT $8"};
constexpr Query kListByNameDesc{"core.list_leads_name_desc",
                                "SELECT " SENTRA_LEAD_COLUMNS " FROM leads WHERE " SENTRA_LEAD_FILTERS
                                "AND ($6::uuid IS NULL OR (name, id) < ($7, $6::uuid)) "
                                "ORDER BY name DESC, id DESC LIMIT $8"};

// A NULL parameter leaves its column as it is; '' clears an optional column.
constexpr Query kUpdateLead{
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
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND ($12::int IS NULL OR version = $12::int) "
    "RETURNING " SENTRA_LEAD_COLUMNS};

constexpr Query kLeadExists{"core.lead_exists",
                            "SELECT 1 FROM leads WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};

constexpr Query kArchiveLead{
    "core.archive_lead",
    "UPDATE leads SET archived_at = now(), version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL RETURNING " SENTRA_LEAD_COLUMNS};

constexpr Query kInsertPipeline{"core.insert_pipeline",
                                "INSERT INTO pipelines (id, org_id, name, is_default) VALUES ($1, $2, $3, true) "
                                "ON CONFLICT DO NOTHING"};
constexpr Query kInsertStage{"core.insert_stage",
                             "INSERT INTO pipeline_stages (id, org_id, pipeline_id, name, position, probability, kind) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7)"};

#undef SENTRA_LEAD_FILTERS

}  // namespace sentra::core::sql

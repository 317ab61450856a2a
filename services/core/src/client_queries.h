// core's client SQL, one named statement each. Statements name org_id as
// well as RLS does: the predicate is what the indexes are used for.
#pragma once

#include "sentra/db/query.h"

namespace sentra::core::sql {

#define SENTRA_CLIENT_COLUMNS                                                                                     \
  "id, kind, name, coalesce(email, ''), coalesce(phone, ''), coalesce(website, ''), coalesce(notes, ''), "          \
  "coalesce(owner_id::text, ''), coalesce(brand_id::text, ''), version, "                                          \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint"

constexpr db::Query kInsertClient{
    "core.insert_client",
    "INSERT INTO clients (id, org_id, kind, name, email, phone, website, notes, owner_id, brand_id) "
    "VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), NULLIF($8, ''), "
    "NULLIF($9, '')::uuid, NULLIF($10, '')::uuid) RETURNING " SENTRA_CLIENT_COLUMNS};

constexpr db::Query kGetClient{"core.get_client", "SELECT " SENTRA_CLIENT_COLUMNS
                                                  " FROM clients WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};

// $2 text pattern, $3 kind, $4 brand, $5 after id ("" for the first page), $6 limit.
constexpr db::Query kListClients{
    "core.list_clients",
    "SELECT " SENTRA_CLIENT_COLUMNS " FROM clients WHERE org_id = $1 AND archived_at IS NULL "
    "AND ($2 = '' OR name ILIKE $2 OR email ILIKE $2) AND ($3 = '' OR kind = $3) "
    "AND ($4 = '' OR brand_id = NULLIF($4, '')::uuid) AND ($5 = '' OR id > NULLIF($5, '')::uuid) "
    "ORDER BY id LIMIT $6"};

// A NULL parameter leaves its column as it is; '' clears an optional column.
constexpr db::Query kUpdateClient{
    "core.update_client",
    "UPDATE clients SET kind = coalesce($3, kind), name = coalesce($4, name), "
    "email = CASE WHEN $5::text IS NULL THEN email ELSE NULLIF($5, '') END, "
    "phone = CASE WHEN $6::text IS NULL THEN phone ELSE NULLIF($6, '') END, "
    "website = CASE WHEN $7::text IS NULL THEN website ELSE NULLIF($7, '') END, "
    "notes = CASE WHEN $8::text IS NULL THEN notes ELSE NULLIF($8, '') END, "
    "owner_id = CASE WHEN $9::text IS NULL THEN owner_id ELSE NULLIF($9, '')::uuid END, "
    "brand_id = CASE WHEN $10::text IS NULL THEN brand_id ELSE NULLIF($10, '')::uuid END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND ($11::int IS NULL OR version = $11::int) "
    "RETURNING " SENTRA_CLIENT_COLUMNS};

constexpr db::Query kClientExists{"core.client_exists",
                                  "SELECT 1 FROM clients WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};

#undef SENTRA_CLIENT_COLUMNS

}  // namespace sentra::core::sql

// One organization as every query that returns one lists it, and its reader,
// so that sign-in and the platform admin's routes cannot drift apart.
#pragma once

#include "sentra/auth/v1/auth.pb.h"
#include "sentra/db/result.h"

// The columns, for a query that names the organizations table `o`.
#define SENTRA_ORGANIZATION_COLUMNS                                                \
  "o.id, o.name, o.slug, o.status, o.default_currency, o.timezone, "              \
  "(extract(epoch from o.created_at) * 1000000)::bigint, o.version, "            \
  "(extract(epoch from o.updated_at) * 1000000)::bigint"

namespace sentra::auth {

// How many columns SENTRA_ORGANIZATION_COLUMNS names, for the columns a
// query puts after them.
inline constexpr int kOrganizationColumnCount = 9;

// Reads SENTRA_ORGANIZATION_COLUMNS, which start at column `first` of `row`.
void ReadOrganization(const db::Result& r, int row, int first, v1::Organization* org);

}  // namespace sentra::auth

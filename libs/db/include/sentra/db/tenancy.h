// The "tenancy" migrations every service schema gets first: current_org(),
// current_app_user() and make_tenant_table(regclass) for the RLS policies.
#pragma once

#include <span>

#include "sentra/db/migrations.h"

namespace sentra::db {

std::span<const Migration> TenancyMigrations();

}  // namespace sentra::db

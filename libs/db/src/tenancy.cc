#include "sentra/db/tenancy.h"

namespace sentra::db {

namespace tenancy_detail {
std::span<const Migration> Migrations();  // generated from libs/db/migrations
}

std::span<const Migration> TenancyMigrations() { return tenancy_detail::Migrations(); }

}  // namespace sentra::db

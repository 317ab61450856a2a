// auth's schema migrations, embedded from migrations/ at build time.
#pragma once

#include <span>

#include "sentra/db/migrations.h"

namespace sentra::auth {
std::span<const db::Migration> Migrations();
}

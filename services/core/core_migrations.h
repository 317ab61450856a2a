// core's schema migrations, embedded from migrations/ at build time.
#pragma once

#include <span>

#include "sentra/db/migrations.h"

namespace sentra::core {
std::span<const db::Migration> Migrations();
}

// The outbox and inbox tables, applied into each service's schema as the
// "bus" component of its migrations.
#pragma once

#include <span>

#include "sentra/db/migrations.h"

namespace sentra::bus {

std::span<const db::Migration> Migrations();

}  // namespace sentra::bus

// Schema migrations: numbered SQL files per service, embedded in its binary at
// build time, applied at start-up each in its own transaction, recorded in
// <schema>.schema_migrations and never applied twice. A schema holds the
// migrations of more than one component (the service's own, the bus's outbox
// and inbox), each numbered on its own. Editing a migration that
// was already applied is refused (its checksum changed).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sentra/db/connection.h"

namespace sentra::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Applies, in version order, the migrations not yet recorded. Several
// replicas starting at once serialize on an advisory lock; the later ones
// find nothing left to do. Returns how many were applied.
absl::StatusOr<int> ApplyMigrations(Connection& conn, std::string_view schema,
                                    std::string_view component,
                                    std::span<const Migration> migrations);

// How many of `migrations` are not applied yet (all of them when the schema
// has no migrations table), without taking the migrations lock: for a
// process that waits for another one (a Kubernetes Job) to apply them.
absl::StatusOr<int> PendingMigrations(Connection& conn, std::string_view component,
                                      std::span<const Migration> migrations);

}  // namespace sentra::db

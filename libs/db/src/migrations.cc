#include "sentra/db/migrations.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <vector>

#include "fmt/format.h"

namespace sentra::db {

namespace {

constexpr Query kLock{"migrations.lock", "SELECT pg_advisory_lock(hashtext($1 || '.migrations'))"};
constexpr Query kUnlock{"migrations.unlock",
                        "SELECT pg_advisory_unlock(hashtext($1 || '.migrations'))"};
constexpr Query kApplied{"migrations.applied",
                         "SELECT version, checksum FROM schema_migrations WHERE component = $1"};
constexpr Query kRecord{"migrations.record",
                        "INSERT INTO schema_migrations (component, version, name, checksum) "
                        "VALUES ($1, $2, $3, $4)"};
constexpr Query kHasTable{"migrations.has_table", "SELECT to_regclass('schema_migrations') IS NOT NULL"};
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component text NOT NULL,"
    " version integer NOT NULL,"
    " name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now(),"
    " PRIMARY KEY (component, version))";

std::string Checksum(std::string_view sql) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(sql.data()),
                     sql.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

absl::StatusOr<int> ApplyLocked(Connection& conn, std::string_view schema,
                                const std::string& component,
                                std::span<const Migration> migrations) {
  if (auto s = conn.ExecuteScript(kCreateTable, "migrations.create_table"); !s.ok()) return s;
  auto applied_rows = conn.Execute(kApplied, component);
  if (!applied_rows.ok()) return applied_rows.status();
  std::map<int, std::string> applied;
  for (int row = 0; row < applied_rows->rows(); ++row) {
    applied.emplace(static_cast<int>(applied_rows->Int(row, 0)), applied_rows->String(row, 1));
  }

  std::vector<const Migration*> ordered;
  for (const Migration& m : migrations) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(),
            [](const Migration* a, const Migration* b) { return a->version < b->version; });

  int count = 0;
  for (const Migration* m : ordered) {
    const std::string checksum = Checksum(m->sql);
    if (auto it = applied.find(m->version); it != applied.end()) {
      if (it->second != checksum) {
        return absl::FailedPreconditionError(fmt::format(
            "migration {} {} of {} in schema {} was edited after it was applied; add a new "
            "migration instead",
            m->version, m->name, component, schema));
      }
      continue;
    }
    const std::string label = fmt::format("{} migration {} {}", component, m->version, m->name);
    if (auto s = conn.ExecuteScript("BEGIN", label); !s.ok()) return s;
    // A migration may rewrite a large table: the service role's statement
    // timeout is for requests. Lock waits stay bounded by lock_timeout.
    absl::Status status = conn.ExecuteScript("SET LOCAL statement_timeout = 0", label);
    if (status.ok()) status = conn.ExecuteScript(m->sql, label);
    if (status.ok()) {
      status = conn.Execute(kRecord, component, m->version, std::string(m->name), checksum).status();
    }
    if (!status.ok()) {
      (void)conn.ExecuteScript("ROLLBACK", label);
      return absl::Status(status.code(), fmt::format("{} of {}: {}", label, schema,
                                                     std::string(status.message())));
    }
    if (auto s = conn.Commit(); !s.ok()) return s;
    spdlog::info("applied {} to schema {}", label, schema);
    ++count;
  }
  return count;
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& conn, std::string_view schema,
                                    std::string_view component,
                                    std::span<const Migration> migrations) {
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (migrations[i].version == migrations[j].version) {
        return absl::InvalidArgumentError(
            fmt::format("two {} migrations numbered {}", component, migrations[i].version));
      }
    }
  }
  const std::string schema_name(schema);
  if (auto s = conn.Execute(kLock, schema_name); !s.ok()) return s.status();
  auto result = ApplyLocked(conn, schema, std::string(component), migrations);
  (void)conn.Execute(kUnlock, schema_name);
  return result;
}

}  // namespace sentra::db

namespace sentra::db {

absl::StatusOr<int> PendingMigrations(Connection& conn, std::string_view component,
                                      std::span<const Migration> migrations) {
  auto has_table = conn.Execute(kHasTable);
  if (!has_table.ok()) return has_table.status();
  if (!has_table->Bool(0, 0)) return static_cast<int>(migrations.size());
  auto applied = conn.Execute(kApplied, std::string(component));
  if (!applied.ok()) return applied.status();
  int pending = 0;
  for (const Migration& m : migrations) {
    bool found = false;
    for (int row = 0; row < applied->rows() && !found; ++row) found = applied->Int(row, 0) == m.version;
    if (!found) ++pending;
  }
  return pending;
}

}  // namespace sentra::db

// One libpq connection that prepares each named Query the first time it runs
// it and reuses the prepared statement after that.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "sentra/db/params.h"
#include "sentra/db/query.h"
#include "sentra/db/result.h"

typedef struct pg_conn PGconn;

namespace sentra::db {

class Connection {
 public:
  // `url` is a libpq connection string or URI.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  absl::StatusOr<Result> Execute(const Query& query, const Params& params = Params());
  template <typename... Args>
  absl::StatusOr<Result> Execute(const Query& query, const Args&... args) {
    return Execute(query, Params(args...));
  }

  // Runs SQL text without parameters through the simple protocol (several
  // statements allowed): for fixed commands and migrations only, never for
  // text that contains input.
  absl::Status ExecuteScript(std::string_view sql, std::string_view label);
  // COMMIT, and whether it committed: PostgreSQL answers a COMMIT of a
  // transaction that had failed with "ROLLBACK", and no error.
  absl::Status Commit();

  // False once the server went away or the connection was left mid-transaction.
  bool Reusable() const;
  // The connection itself failed (server gone, restarted, or the backend
  // terminated), as opposed to being left inside a transaction.
  bool Broken() const;
  PGconn* raw() const { return conn_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  absl::Status Prepare(const Query& query);

  PGconn* conn_;
  // Names have static storage (see Query), so views into them stay valid.
  absl::flat_hash_set<std::string_view> prepared_;
};

}  // namespace sentra::db

// One libpq connection that prepares each named Query the first time it runs
// it and reuses the prepared statement after that.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
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

  // Queues `begin` (a fixed BEGIN command) and the prepared `scope` statement
  // without waiting for them: libpq's pipeline mode sends both with the next
  // statement, in one write, and reads the three answers in one wake-up. A
  // one-row read is then two round trips instead of four. An error in either
  // is returned by that next call, which then runs nothing.
  absl::Status QueueTransactionStart(std::string_view begin, const Query& scope, const Params& params);
  // Sends what is still queued and reads its answers; OK when nothing is.
  absl::Status FlushQueued();

  // False once the server went away or the connection was left mid-transaction.
  bool Reusable() const;
  // The connection itself failed (server gone, restarted, or the backend
  // terminated), as opposed to being left inside a transaction.
  bool Broken() const;
  PGconn* raw() const { return conn_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  absl::Status Prepare(const Query& query);
  // Sends what is queued, plus `next` if given, reads every answer and
  // leaves pipeline mode. Returns the first error; `next`'s result goes to
  // `out`.
  absl::Status SendQueued(const Query* next, const Params* params, std::optional<Result>* out);

  PGconn* conn_;
  // Labels of the statements queued in pipeline mode, for their errors.
  std::string_view queued_[2];
  int queued_count_ = 0;
  // Names have static storage (see Query), so views into them stay valid.
  // Each prepared statement's name, and the text it was prepared from.
  absl::flat_hash_map<std::string_view, std::string_view> prepared_;
};

}  // namespace sentra::db

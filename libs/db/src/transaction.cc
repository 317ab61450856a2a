#include "sentra/db/transaction.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <thread>

#include "sentra/db/deadline.h"
#include "sentra/db/pg_error.h"

namespace sentra::db {

namespace {

// $5: the statement timeout in ms for this transaction, or "" to keep the
// role's.
constexpr Query kSetScope{"db.set_scope",
                          "SELECT set_config('sentra.org_id', $1, true), "
                          "set_config('sentra.user_id', $2, true), set_config('sentra.brands', $3, true), "
                          "set_config('sentra.client_id', $4, true), "
                          "set_config('statement_timeout', CASE WHEN $5 = '' THEN current_setting('statement_timeout') "
                          "ELSE $5 || 'ms' END, true)"};

// A request's statements end with its deadline, but never run longer than
// the roles' own statement_timeout would let them.
constexpr std::chrono::milliseconds kLongestStatement{30'000};

// "" when the thread works for no deadline.
std::string StatementTimeout() {
  const auto left = TimeLeft();
  if (!left) return {};
  return std::to_string(std::clamp(*left, std::chrono::milliseconds(1), kLongestStatement).count());
}

std::string_view BeginStatement(const TxOptions& options) {
  switch (options.isolation) {
    case Isolation::kSerializable:
      return options.read_only ? "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY"
                               : "BEGIN ISOLATION LEVEL SERIALIZABLE";
    case Isolation::kRepeatableRead:
      return options.read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                               : "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case Isolation::kReadCommitted:
    default:
      return options.read_only ? "BEGIN READ ONLY" : "BEGIN";
  }
}

// Jitter spreads retries of transactions that collided with each other, so
// they do not collide again in lockstep.
void Backoff(std::chrono::milliseconds base, int attempt) {
  const auto ceiling = base * (1 << std::min(attempt, 6));
  const auto wait = std::chrono::milliseconds(
      randombytes_uniform(static_cast<std::uint32_t>(ceiling.count()) + 1));
  std::this_thread::sleep_for(ceiling / 2 + wait / 2);
}

// One attempt. `commit_sent` tells the caller whether COMMIT was on the wire.
absl::Status RunOnce(Connection& conn, const TxOptions& options,
                     const std::function<absl::Status(Transaction&)>& body, bool& commit_sent) {
  commit_sent = false;
  absl::Status status = conn.QueueTransactionStart(
      BeginStatement(options), kSetScope,
      Params(options.org_id, options.user_id, options.brands, options.client_id, StatementTimeout()));
  if (status.ok()) {
    Transaction tx(conn, options.org_id);
    status = body(tx);
  }
  if (!status.ok()) {
    (void)conn.ExecuteScript("ROLLBACK", "db.rollback");
    return status;
  }
  // A body that ran no statement: BEGIN is still queued, and must be known
  // to have worked before COMMIT counts as sent.
  if (absl::Status started = conn.FlushQueued(); !started.ok()) return started;
  commit_sent = true;
  return conn.Commit();
}

}  // namespace

absl::Status TakeTurn(Transaction& tx, std::string_view turn) {
  static constexpr Query kTakeTurn{"db.take_turn",
                                   "SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))"};
  auto taken = tx.Execute(kTakeTurn, tx.org_id(), turn);
  return taken.ok() ? absl::OkStatus() : taken.status();
}

absl::Status InTransaction(Pool& pool, const TxOptions& options,
                           const std::function<absl::Status(Transaction&)>& body) {
  absl::Status status;
  for (int attempt = 0; attempt < options.max_attempts; ++attempt) {
    if (attempt > 0) Backoff(options.first_backoff, attempt);
    if (const auto left = TimeLeft(); left && left->count() <= 0) {
      return attempt == 0 ? absl::DeadlineExceededError("database: the request's deadline passed before its transaction")
                          : status;
    }
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    bool commit_sent = false;
    status = RunOnce(**lease, options, body, commit_sent);
    if (status.ok()) return status;
    if (status.code() == absl::StatusCode::kUnavailable && commit_sent) {
      return absl::UnavailableError("database: connection lost during commit; outcome unknown");
    }
    // A connection that broke before COMMIT was sent rolled back with it:
    // rerunning on a fresh connection is safe.
    const std::string_view sqlstate = SqlState(status);
    // BEGIN travels with the body's first statement, so a connection that
    // had died in the pool fails inside the body, whatever the body then
    // made of that error: a broken connection without COMMIT committed
    // nothing.
    const bool retry = sqlstate == "40001" || sqlstate == "40P01" ||
                       (!commit_sent && ((*lease)->Broken() || (status.code() == absl::StatusCode::kUnavailable &&
                                                                 !(*lease)->Reusable())));
    if (!retry) return status;
    spdlog::debug("transaction attempt {} failed, retrying: {}", attempt + 1, std::string(status.message()));
  }
  return status;
}

}  // namespace sentra::db

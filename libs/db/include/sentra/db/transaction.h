// Runs a unit of work in one transaction on a pooled connection, scoped to an
// organization for row-level security, retried from the start when
// PostgreSQL aborts it for a serialization failure or a deadlock.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "sentra/db/connection.h"
#include "sentra/db/pool.h"

namespace sentra::db {

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

struct TxOptions {
  // The verified organization; sets `sentra.org_id` for the RLS policies.
  // Empty for work that is not tenant-scoped (it then sees no tenant rows).
  std::string org_id;
  // The verified user, as `sentra.user_id`, for policies that let users see
  // their own rows across organizations (auth's memberships).
  std::string user_id;
  // The caller's brand access, as `sentra.brands`, for the brand_scope
  // policies: "*" every brand, else comma-separated brand ids; empty sees
  // only records without a brand. Work done for no caller passes "*".
  std::string brands;
  // A client-portal member's client, as `sentra.client_id`: the client_scope
  // policies then show only that client's records. Empty for everyone else.
  std::string client_id;
  Isolation isolation = Isolation::kReadCommitted;
  bool read_only = false;
  int max_attempts = 5;
  std::chrono::milliseconds first_backoff{5};
};

class Transaction {
 public:
  explicit Transaction(Connection& conn, const std::string& org_id) : conn_(conn), org_id_(org_id) {}

  template <typename... Args>
  absl::StatusOr<Result> Execute(const Query& query, const Args&... args) {
    return conn_.Execute(query, Params(args...));
  }
  absl::StatusOr<Result> ExecuteParams(const Query& query, const Params& params) {
    return conn_.Execute(query, params);
  }
  const std::string& org_id() const { return org_id_; }
  Connection& connection() { return conn_; }

 private:
  Connection& conn_;
  const std::string& org_id_;
};

// Makes this transaction take its turn, within its organization, among the
// transactions that name the same `turn` ("brands"): what it counted after
// this (the brands there are, against a limit) stays true until it commits
// or rolls back, whichever ends the turn.
absl::Status TakeTurn(Transaction& tx, std::string_view turn);

// Runs `body` inside BEGIN … COMMIT. If `body` returns an error the
// transaction rolls back and the error is returned. A serialization failure
// or deadlock (SQLSTATE 40001/40P01, from the body or the commit) reruns the
// whole body, up to max_attempts, with growing,
// jittered waits; `body` must therefore have no effects outside the database.
// A connection lost during COMMIT is reported as kUnavailable and not retried:
// the outcome is unknown, so only the caller can decide. Only PostgreSQL's own
// aborts are retried: a kAborted the body returns (a version conflict) is not.
absl::Status InTransaction(Pool& pool, const TxOptions& options,
                           const std::function<absl::Status(Transaction&)>& body);

// Same, for a body that produces a value.
template <typename T>
absl::StatusOr<T> InTransactionValue(Pool& pool, const TxOptions& options,
                                     const std::function<absl::StatusOr<T>(Transaction&)>& body) {
  std::optional<T> value;
  absl::Status status = InTransaction(pool, options, [&](Transaction& tx) -> absl::Status {
    auto result = body(tx);
    if (!result.ok()) return result.status();
    value = *std::move(result);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(value);
}

}  // namespace sentra::db

#include "sentra/db/pg_error.h"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include "fmt/format.h"

namespace sentra::db {

namespace {

constexpr char kSqlStatePayload[] = "sentra.db/sqlstate";
constexpr char kConstraintPayload[] = "sentra.db/constraint";

std::string_view Field(const PGresult* result, int field) {
  if (result == nullptr) return {};
  const char* value = PQresultErrorField(result, field);
  return value ? std::string_view(value) : std::string_view();
}

std::string_view PayloadView(const absl::Status& status, const char* key) {
  auto payload = status.GetPayload(key);
  if (!payload) return {};
  auto flat = payload->TryFlat();
  return flat ? std::string_view(flat->data(), flat->size()) : std::string_view();
}

}  // namespace

absl::StatusCode CodeForSqlState(std::string_view sqlstate) {
  if (sqlstate == "40001" || sqlstate == "40P01") return absl::StatusCode::kAborted;
  if (sqlstate == "23505") return absl::StatusCode::kAlreadyExists;
  if (sqlstate == "23503" || sqlstate == "23502") return absl::StatusCode::kFailedPrecondition;
  if (sqlstate == "23514" || sqlstate.starts_with("22")) return absl::StatusCode::kInvalidArgument;
  if (sqlstate == "42501") return absl::StatusCode::kPermissionDenied;
  if (sqlstate == "57014") return absl::StatusCode::kDeadlineExceeded;
  if (sqlstate == "55P03") return absl::StatusCode::kUnavailable;  // lock_not_available
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P") || sqlstate == "53300") {
    return absl::StatusCode::kUnavailable;
  }
  if (sqlstate.empty()) return absl::StatusCode::kUnavailable;  // no result: the link failed
  return absl::StatusCode::kInternal;
}

absl::Status StatusFromResult(const PGresult* result, const PGconn* conn, std::string_view query_name) {
  std::string_view sqlstate = Field(result, PG_DIAG_SQLSTATE);
  if (sqlstate.empty() && conn != nullptr && PQstatus(conn) != CONNECTION_OK) sqlstate = "08006";
  const std::string_view constraint = Field(result, PG_DIAG_CONSTRAINT_NAME);
  const char* detail = result ? PQresultErrorMessage(result) : (conn ? PQerrorMessage(conn) : "");
  spdlog::warn("query {} failed: SQLSTATE {} {}", query_name, sqlstate,
               std::string_view(detail).substr(0, std::string_view(detail).find('\n')));
  const absl::StatusCode code = CodeForSqlState(sqlstate);
  std::string message = fmt::format("{}: database error {}", query_name, sqlstate.empty() ? "(no connection)" : sqlstate);
  if (!constraint.empty()) message += fmt::format(" on {}", constraint);
  absl::Status status(code, message);
  status.SetPayload(kSqlStatePayload, absl::Cord(absl::string_view(sqlstate.data(), sqlstate.size())));
  if (!constraint.empty()) {
    status.SetPayload(kConstraintPayload, absl::Cord(absl::string_view(constraint.data(), constraint.size())));
  }
  return status;
}

std::string_view SqlState(const absl::Status& status) { return PayloadView(status, kSqlStatePayload); }

std::string_view ConstraintName(const absl::Status& status) {
  return PayloadView(status, kConstraintPayload);
}

}  // namespace sentra::db

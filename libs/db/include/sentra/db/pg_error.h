// Turns a failed libpq result into an absl::Status whose code tells the caller
// what to do (STYLE.md): kAborted retry the transaction, kUnavailable retry the
// call, the rest don't retry. The message names the query and the condition,
// never the SQL or the values in it (those go to the log).
#pragma once

#include <string_view>

#include "absl/status/status.h"

typedef struct pg_result PGresult;
typedef struct pg_conn PGconn;

namespace sentra::db {

absl::StatusCode CodeForSqlState(std::string_view sqlstate);

// `result` may be null (then the connection's error is used).
absl::Status StatusFromResult(const PGresult* result, const PGconn* conn, std::string_view query_name);

// The SQLSTATE and the constraint a status came from, when it came from PostgreSQL.
std::string_view SqlState(const absl::Status& status);
std::string_view ConstraintName(const absl::Status& status);

}  // namespace sentra::db

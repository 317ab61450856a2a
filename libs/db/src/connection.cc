#include "sentra/db/connection.h"

#include <libpq-fe.h>

#include "fmt/format.h"
#include "sentra/db/pg_error.h"

namespace sentra::db {

namespace {

struct ResultGuard {
  PGresult* result;
  ~ResultGuard() { PQclear(result); }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
  // Every wait on the server is bounded. Without keepalives a peer that
  // vanished (host gone, network cut) leaves the socket open for hours, and
  // with it a relay's leadership lock on a session nobody serves;
  // tcp_user_timeout bounds unacknowledged writes the same way. The URL is
  // expanded last, so a setting it names wins over these.
  static constexpr const char* kKeys[] = {"connect_timeout",     "keepalives",       "keepalives_idle",
                                          "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                                          "dbname",              nullptr};
  const char* values[] = {"5", "1", "10", "5", "3", "30000", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(kKeys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return absl::UnavailableError("database: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    // libpq's message names host and port, never the password.
    return absl::UnavailableError(fmt::format("database: cannot connect: {}", error));
  }
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { PQfinish(conn_); }

absl::Status Connection::Prepare(const Query& query) {
  if (prepared_.contains(query.name)) return absl::OkStatus();
  const std::string name(query.name);
  const std::string sql(query.sql);
  ResultGuard guard{PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr)};
  if (PQresultStatus(guard.result) != PGRES_COMMAND_OK) {
    return StatusFromResult(guard.result, conn_, query.name);
  }
  prepared_.insert(query.name);
  return absl::OkStatus();
}

absl::StatusOr<Result> Connection::Execute(const Query& query, const Params& params) {
  if (absl::Status status = Prepare(query); !status.ok()) return status;
  // The name is a view; libpq needs it NUL-terminated. Names are short, so
  // this copy stays in the string's inline buffer.
  const std::string name(query.name);
  PGresult* result = PQexecPrepared(conn_, name.c_str(), params.size(), params.values(),
                                    params.lengths(), params.formats(), /*resultFormat=*/0);
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(result);
  ResultGuard guard{result};
  return StatusFromResult(result, conn_, query.name);
}

absl::Status Connection::ExecuteScript(std::string_view sql, std::string_view label) {
  ResultGuard guard{PQexec(conn_, std::string(sql).c_str())};
  const ExecStatusType status = PQresultStatus(guard.result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return absl::OkStatus();
  }
  return StatusFromResult(guard.result, conn_, label);
}

absl::Status Connection::Commit() {
  ResultGuard guard{PQexec(conn_, "COMMIT")};
  if (PQresultStatus(guard.result) != PGRES_COMMAND_OK) return StatusFromResult(guard.result, conn_, "db.commit");
  if (std::string_view(PQcmdStatus(guard.result)) != "COMMIT") {
    // A statement failed and the transaction's body went on as if not:
    // nothing was written, and the caller must not be told otherwise.
    return absl::InternalError("database: the transaction had failed, so COMMIT rolled it back");
  }
  return absl::OkStatus();
}

bool Connection::Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

bool Connection::Reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}


}  // namespace sentra::db

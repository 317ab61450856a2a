#include "sentra/db/connection.h"

#include <libpq-fe.h>

#include <map>
#include <mutex>

#include "fmt/format.h"
#include "sentra/db/pg_error.h"
#include "sentra/db/statement_reads.h"

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

namespace {

// A statement is prepared by its name: two different statements of one name
// would each run as whichever a connection prepared first. Each name is
// checked against the first statement seen under it, once per connection.
absl::Status CheckUniqueName(const Query& query) {
  static std::mutex mutex;
  static auto* seen = new std::map<std::string, std::string, std::less<>>();
  std::lock_guard lock(mutex);
  const auto [it, first] = seen->try_emplace(std::string(query.name), query.sql);
  if (first || it->second == query.sql) return absl::OkStatus();
  return absl::InternalError(fmt::format("two different statements are named {}", query.name));
}

// Whether `sql` is the statement prepared under its name: the same constant
// (the usual case, one pointer compare), or the same text from another copy
// of it (a constant defined in a header has one per file that uses it).
bool SameText(std::string_view prepared, std::string_view sql) {
  return prepared.data() == sql.data() || prepared == sql;
}

}  // namespace

absl::Status Connection::Prepare(const Query& query) {
  if (const auto it = prepared_.find(query.name); it != prepared_.end()) {
    return SameText(it->second, query.sql) ? absl::OkStatus() : CheckUniqueName(query);
  }
  if (absl::Status unique = CheckUniqueName(query); !unique.ok()) return unique;
  const std::string name(query.name);
  const std::string sql(query.sql);
  ResultGuard guard{PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr)};
  if (PQresultStatus(guard.result) != PGRES_COMMAND_OK) {
    return StatusFromResult(guard.result, conn_, query.name);
  }
  prepared_.emplace(query.name, query.sql);
  return absl::OkStatus();
}

absl::StatusOr<Result> Connection::Execute(const Query& query, const Params& params) {
  if (queued_count_ > 0) {
    // A statement this connection has not prepared yet cannot join the
    // pipeline (PQprepare waits for its answer); that happens once.
    if (const auto it = prepared_.find(query.name); it != prepared_.end() && SameText(it->second, query.sql)) {
      std::optional<Result> result;
      if (absl::Status status = SendQueued(&query, &params, &result); !status.ok()) return status;
      return *std::move(result);
    }
    if (absl::Status status = SendQueued(nullptr, nullptr, nullptr); !status.ok()) return status;
  }
  if (absl::Status status = Prepare(query); !status.ok()) return status;
  // The name is a view; libpq needs it NUL-terminated. Names are short, so
  // this copy stays in the string's inline buffer.
  const std::string name(query.name);
  PGresult* result = PQexecPrepared(conn_, name.c_str(), params.size(), params.values(),
                                    params.lengths(), params.formats(), /*resultFormat=*/0);
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_TUPLES_OK) RecordRead(query.name, result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(result);
  ResultGuard guard{result};
  return StatusFromResult(result, conn_, query.name);
}

absl::Status Connection::ExecuteScript(std::string_view sql, std::string_view label) {
  if (queued_count_ > 0) {
    if (absl::Status status = SendQueued(nullptr, nullptr, nullptr); !status.ok()) return status;
  }
  ResultGuard guard{PQexec(conn_, std::string(sql).c_str())};
  const ExecStatusType status = PQresultStatus(guard.result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return absl::OkStatus();
  }
  return StatusFromResult(guard.result, conn_, label);
}

absl::Status Connection::Commit() {
  if (queued_count_ > 0) {
    if (absl::Status status = SendQueued(nullptr, nullptr, nullptr); !status.ok()) return status;
  }
  ResultGuard guard{PQexec(conn_, "COMMIT")};
  if (PQresultStatus(guard.result) != PGRES_COMMAND_OK) return StatusFromResult(guard.result, conn_, "db.commit");
  if (std::string_view(PQcmdStatus(guard.result)) != "COMMIT") {
    // A statement failed and the transaction's body went on as if not:
    // nothing was written, and the caller must not be told otherwise.
    return absl::InternalError("database: the transaction had failed, so COMMIT rolled it back");
  }
  return absl::OkStatus();
}

absl::Status Connection::QueueTransactionStart(std::string_view begin, const Query& scope, const Params& params) {
  if (absl::Status status = Prepare(scope); !status.ok()) return status;
  const std::string begin_sql(begin);
  const std::string scope_name(scope.name);
  if (PQenterPipelineMode(conn_) != 1 ||
      PQsendQueryParams(conn_, begin_sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
    PQexitPipelineMode(conn_);
    return StatusFromResult(nullptr, conn_, "db.begin");
  }
  queued_[queued_count_++] = "db.begin";
  if (PQsendQueryPrepared(conn_, scope_name.c_str(), params.size(), params.values(), params.lengths(),
                          params.formats(), /*resultFormat=*/0) != 1) {
    absl::Status status = StatusFromResult(nullptr, conn_, scope.name);
    (void)SendQueued(nullptr, nullptr, nullptr);  // collects BEGIN's answer and leaves pipeline mode
    return status;
  }
  queued_[queued_count_++] = scope.name;
  return absl::OkStatus();
}

absl::Status Connection::FlushQueued() {
  return queued_count_ > 0 ? SendQueued(nullptr, nullptr, nullptr) : absl::OkStatus();
}

absl::Status Connection::SendQueued(const Query* next, const Params* params, std::optional<Result>* out) {
  const int expected = queued_count_ + (next != nullptr ? 1 : 0);
  queued_count_ = 0;
  absl::Status first_error;
  auto note_error = [&](absl::Status status) {
    if (first_error.ok()) first_error = std::move(status);
  };
  bool sent = true;
  if (next != nullptr) {
    const std::string name(next->name);
    sent = PQsendQueryPrepared(conn_, name.c_str(), params->size(), params->values(), params->lengths(),
                               params->formats(), /*resultFormat=*/0) == 1;
  }
  // The sync both flushes the pipeline and marks where its answers end.
  if (!sent || PQpipelineSync(conn_) != 1) {
    note_error(StatusFromResult(nullptr, conn_, next != nullptr ? next->name : queued_[0]));
    PQexitPipelineMode(conn_);
    return first_error;
  }
  for (int i = 0; i < expected; ++i) {
    const std::string_view label = i < expected - (next != nullptr ? 1 : 0) ? queued_[i] : next->name;
    PGresult* result = PQgetResult(conn_);
    if (result == nullptr) {  // the link failed: nothing more will come
      note_error(StatusFromResult(nullptr, conn_, label));
      PQexitPipelineMode(conn_);
      return first_error;
    }
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      if (next != nullptr && i == expected - 1) {
        if (status == PGRES_TUPLES_OK) RecordRead(next->name, result);
        out->emplace(result);
      } else {
        PQclear(result);
      }
    } else {
      // After a failure the server skips the rest up to the sync, and libpq
      // answers each skipped statement with PGRES_PIPELINE_ABORTED.
      if (status != PGRES_PIPELINE_ABORTED) note_error(StatusFromResult(result, conn_, label));
      PQclear(result);
    }
    // Each statement's answers end with a null.
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  }
  if (PGresult* sync = PQgetResult(conn_)) {
    if (PQresultStatus(sync) != PGRES_PIPELINE_SYNC) note_error(StatusFromResult(sync, conn_, "db.pipeline_sync"));
    PQclear(sync);
  }
  if (PQexitPipelineMode(conn_) != 1) note_error(StatusFromResult(nullptr, conn_, "db.pipeline_exit"));
  return first_error;
}

bool Connection::Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

bool Connection::Reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE &&
         PQpipelineStatus(conn_) == PQ_PIPELINE_OFF;
}


}  // namespace sentra::db

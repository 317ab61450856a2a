#include "sentra/bus/outbox_relay.h"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <vector>

#include "fmt/format.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/topology.h"
#include "sentra/db/connection.h"

namespace sentra::bus {

namespace {

constexpr db::Query kTryLock{"relay.try_lock",
                             "SELECT pg_try_advisory_lock(hashtext($1 || '.outbox_relay'))"};
// Rows of transactions that are all finished (txid below the snapshot's xmin),
// in the order their transactions were assigned ids, then insert order.
constexpr db::Query kReady{
    "relay.ready",
    "SELECT seq, event_id, event_type, envelope FROM outbox "
    "WHERE published_at IS NULL AND txid < pg_snapshot_xmin(pg_current_snapshot()) "
    "ORDER BY txid, seq LIMIT $1"};
constexpr db::Query kMark{"relay.mark",
                          "UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])"};
constexpr db::Query kPurge{
    "relay.purge",
    "DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1::int)"};

}  // namespace

OutboxRelay::OutboxRelay(RelayOptions options) : options_(std::move(options)) {
  if (pipe(wake_pipe_) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
}

OutboxRelay::~OutboxRelay() {
  Stop();
  if (wake_pipe_[0] >= 0) close(wake_pipe_[0]);
  if (wake_pipe_[1] >= 0) close(wake_pipe_[1]);
}

void OutboxRelay::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void OutboxRelay::Stop() {
  stopping_ = true;
  if (wake_pipe_[1] >= 0) (void)!write(wake_pipe_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::Disconnect() {
  publisher_.reset();
  db_.reset();  // closing the session releases the advisory lock
  leader_ = false;
}

absl::Status OutboxRelay::EnsureConnected() {
  if (!db_) {
    auto conn = db::Connection::Open(options_.db_url);
    if (!conn.ok()) return conn.status();
    db_ = *std::move(conn);
  }
  if (!leader_) {
    auto locked = db_->Execute(kTryLock, options_.schema);
    if (!locked.ok()) return locked.status();
    if (!locked->Bool(0, 0)) return absl::OkStatus();  // another relay is active
    const std::string listen = fmt::format("LISTEN sentra_outbox_{}", options_.schema);
    if (auto s = db_->ExecuteScript(listen, "relay.listen"); !s.ok()) return s;
    leader_ = true;
    spdlog::info("outbox relay for {} is active", options_.schema);
  }
  if (!publisher_) {
    auto publisher = Publisher::Open(options_.amqp_url, fmt::format("{}-relay", options_.schema));
    if (!publisher.ok()) return publisher.status();
    if (auto s = (*publisher)->connection().DeclareTopicExchange(kEventsExchange); !s.ok()) return s;
    publisher_ = *std::move(publisher);
  }
  return absl::OkStatus();
}

absl::StatusOr<int> OutboxRelay::PublishBatch() {
  auto rows = db_->Execute(kReady, options_.batch_size);
  if (!rows.ok()) return rows.status();
  const int count = rows->rows();
  if (count == 0) return 0;

  std::vector<std::string> bodies;
  std::vector<OutgoingMessage> messages;
  bodies.reserve(count);
  messages.reserve(count);
  std::string seqs = "{";
  for (int i = 0; i < count; ++i) {
    bodies.push_back(rows->Bytes(i, 3));
    messages.push_back(OutgoingMessage{.exchange = kEventsExchange,
                                       .routing_key = rows->Text(i, 2),
                                       .body = bodies.back(),
                                       .message_id = rows->Text(i, 1),
                                       .type = rows->Text(i, 2),
                                       .headers = {}});
    if (i > 0) seqs += ',';
    seqs += rows->Text(i, 0);
  }
  seqs += '}';

  if (auto s = publisher_->PublishAndConfirm(messages, options_.confirm_timeout); !s.ok()) {
    publisher_.reset();
    return s;
  }
  if (after_confirm_for_test && !after_confirm_for_test()) {
    Disconnect();
    return absl::AbortedError("relay dropped by test hook after confirm");
  }
  if (auto marked = db_->Execute(kMark, seqs); !marked.ok()) return marked.status();
  published_ += count;
  return count;
}

void OutboxRelay::WaitForWork(std::chrono::milliseconds timeout) {
  // Queries read any notification that arrived meanwhile into libpq's buffer,
  // where poll() cannot see it: look there first.
  if (db_ && leader_) {
    PQconsumeInput(db_->raw());
    bool pending = false;
    while (PGnotify* note = PQnotifies(db_->raw())) {
      PQfreemem(note);
      pending = true;
    }
    if (pending) return;
  }
  pollfd fds[2] = {{wake_pipe_[0], POLLIN, 0}, {-1, POLLIN, 0}};
  nfds_t n = 1;
  if (db_ && leader_) {
    fds[1].fd = PQsocket(db_->raw());
    n = 2;
  }
  if (poll(fds, n, static_cast<int>(timeout.count())) <= 0) return;
  if (fds[0].revents & POLLIN) {
    char drain[64];
    (void)!read(wake_pipe_[0], drain, sizeof drain);
  }
  if (n == 2 && (fds[1].revents & POLLIN)) {
    PQconsumeInput(db_->raw());
    while (PGnotify* note = PQnotifies(db_->raw())) PQfreemem(note);
  }
}

void OutboxRelay::PurgeOld() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_purge_ < std::chrono::minutes(10)) return;
  last_purge_ = now;
  auto purged = db_->Execute(kPurge, static_cast<std::int64_t>(options_.retention.count()));
  if (purged.ok() && purged->affected() > 0) {
    spdlog::info("outbox of {}: deleted {} published rows", options_.schema, purged->affected());
  }
}

void OutboxRelay::Run() {
  while (!stopping_) {
    if (auto s = EnsureConnected(); !s.ok()) {
      spdlog::warn("outbox relay for {}: {}", options_.schema, std::string(s.message()));
      if (s.code() != absl::StatusCode::kUnavailable || !db_ || !db_->Reusable()) Disconnect();
      WaitForWork(options_.reconnect_backoff);
      continue;
    }
    if (!leader_) {
      WaitForWork(options_.poll_interval);  // standby: try the lock again later
      continue;
    }
    auto published = PublishBatch();
    if (!published.ok()) {
      spdlog::warn("outbox relay for {}: {}", options_.schema, std::string(published.status().message()));
      if (db_ && !db_->Reusable()) Disconnect();
      WaitForWork(options_.reconnect_backoff);
      continue;
    }
    if (*published < options_.batch_size) {
      PurgeOld();
      WaitForWork(options_.poll_interval);
    }
  }
  Disconnect();
}

}  // namespace sentra::bus

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
#include "sentra/db/page_budget.h"

namespace sentra::bus {

namespace {

constexpr db::Query kTryLock{"relay.try_lock",
                             "SELECT pg_try_advisory_lock(hashtext($1 || '.outbox_relay'))"};
// Every committed row not yet published, in insert order. Nothing is
// skipped: rows are marked one by one, there is no "last seq sent" that a
// transaction committing late could fall behind.
// A batch stops at the page budget too: a burst of the largest events (an
// order of 200 long lines is ~1 MB, twice that as bytea's hex text) read
// 1024 at a time would take gigabytes.
constexpr db::Query kReady{
    "relay.ready",
    SENTRA_SQL_PAGE("seq, event_id, event_type, envelope", "2 * octet_length(envelope)",
                    "outbox WHERE published_at IS NULL", "seq", "$1")};
constexpr db::Query kMark{"relay.mark",
                          "UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])"};
// One bounded batch, oldest first: a long backlog of old rows never becomes
// one long statement holding up publishing.
constexpr db::Query kPurge{
    "relay.purge",
    "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox "
    "WHERE published_at < now() - make_interval(hours => $1::int) ORDER BY published_at LIMIT $2)"};

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
    auto publisher = Publisher::Open(options_.amqp_url, fmt::format("{}-relay", options_.schema), options_.heartbeat);
    if (!publisher.ok()) return publisher.status();
    ++broker_connections_;
    AmqpConnection& conn = (*publisher)->connection();
    if (auto s = DeclareEventsExchange(conn); !s.ok()) return s;
    for (const Subscription& subscription : options_.subscriptions) {
      if (refused_subscriptions_.contains(subscription.consumer)) continue;
      if (auto s = DeclareSubscription(conn, subscription); !s.ok()) {
        // The broker refused it (say, a queue declared earlier with other
        // arguments): that will not change by retrying, and it must not stop
        // the events of every other consumer. It is skipped from now on;
        // that consumer's own declaration reports the same refusal.
        if (s.code() == absl::StatusCode::kFailedPrecondition) {
          spdlog::error("outbox relay for {}: skipping the queues of {}: {}", options_.schema,
                        subscription.consumer, std::string(s.message()));
          refused_subscriptions_.insert(subscription.consumer);
        }
        return s;  // the channel is closed: start over on a new connection
      }
    }
    publisher_ = *std::move(publisher);
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> OutboxRelay::PublishBatch() {
  auto rows = db_->Execute(kReady, options_.batch_size);
  if (!rows.ok()) return rows.status();
  const int count = rows->rows();
  if (count == 0) return false;

  std::vector<std::string> bodies;
  std::vector<OutgoingMessage> messages;
  bodies.reserve(count);
  messages.reserve(count);
  for (int i = 0; i < count; ++i) {
    bodies.push_back(rows->Bytes(i, 3));
    messages.push_back(OutgoingMessage{.exchange = kEventsExchange,
                                       .routing_key = rows->Text(i, 2),
                                       .body = bodies.back(),
                                       .message_id = rows->Text(i, 1),
                                       .type = rows->Text(i, 2),
                                       .headers = {}});
  }

  std::vector<std::size_t> unroutable;
  if (auto s = publisher_->PublishAndConfirm(messages, options_.confirm_timeout, &unroutable); !s.ok()) {
    if (unroutable.empty()) {
      publisher_.reset();
      return s;
    }
    // Even the unrouted queue is gone. Those rows stay unpublished (their age
    // shows in the metrics) and are tried again on a new connection, which
    // declares everything again; the rest went out.
    spdlog::error("outbox relay for {}: {}", options_.schema, std::string(s.message()));
    publisher_.reset();
  }
  if (after_confirm_for_test && !after_confirm_for_test()) {
    Disconnect();
    return absl::AbortedError("relay dropped by test hook after confirm");
  }
  std::string seqs = "{";
  int marked_count = 0;
  for (int i = 0, skip = 0; i < count; ++i) {
    if (skip < static_cast<int>(unroutable.size()) && unroutable[skip] == static_cast<std::size_t>(i)) {
      ++skip;
      continue;
    }
    if (marked_count++ > 0) seqs += ',';
    seqs += rows->Text(i, 0);
  }
  seqs += '}';
  if (auto marked = db_->Execute(kMark, seqs); !marked.ok()) return marked.status();
  published_ += marked_count;
  // When some came back the loop waits a poll interval instead of re-sending
  // those at once.
  return marked_count == count && db::MoreAfter(*rows);
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

bool OutboxRelay::PurgeOld() {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_purge_) return false;
  auto purged = db_->Execute(kPurge, static_cast<std::int64_t>(options_.retention.count()),
                             static_cast<std::int64_t>(options_.purge_batch));
  const std::int64_t deleted = purged.ok() ? purged->affected() : 0;
  purged_ += deleted;
  // A full batch means there may be more: the next one after the next
  // publishing round, otherwise in ten minutes.
  const bool more = deleted == options_.purge_batch;
  next_purge_ = more ? now : now + std::chrono::minutes(10);
  if (deleted > 0) spdlog::debug("outbox of {}: deleted {} published rows", options_.schema, deleted);
  return more;
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
    // Between batches the broker connection may sit idle for long.
    if (auto s = publisher_->connection().KeepAlive(); !s.ok()) {
      spdlog::warn("outbox relay for {}: {}", options_.schema, std::string(s.message()));
      publisher_.reset();
      continue;
    }
    auto more_ready = PublishBatch();
    if (!more_ready.ok()) {
      spdlog::warn("outbox relay for {}: {}", options_.schema, std::string(more_ready.status().message()));
      if (db_ && !db_->Reusable()) Disconnect();
      WaitForWork(options_.reconnect_backoff);
      continue;
    }
    if (!*more_ready && !PurgeOld()) {
      // Back in time for the next heartbeat, however long the poll interval.
      WaitForWork(std::min(options_.poll_interval, std::chrono::milliseconds(options_.heartbeat) / 3));
    }
  }
  Disconnect();
}

}  // namespace sentra::bus

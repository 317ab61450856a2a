#include "sentra/db/pool.h"

#include <algorithm>

#include "fmt/format.h"
#include "sentra/db/deadline.h"

namespace sentra::db {

namespace {
constexpr Query kPing{"db.ping", "SELECT 1"};
}  // namespace

Pool::Pool(PoolOptions options) : options_(std::move(options)) {}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
  if (conn_ && pool_) pool_->Release(std::move(conn_));
}

absl::StatusOr<Pool::Lease> Pool::Acquire() {
  std::unique_lock lock(mutex_);
  auto wait = options_.acquire_timeout;
  if (const auto left = TimeLeft()) wait = std::clamp(*left, std::chrono::milliseconds(0), wait);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (idle_.empty() && open_ >= options_.size) {
    ++waiting_;
    const bool woke = available_.wait_until(lock, deadline, [&] {
      return !idle_.empty() || open_ < options_.size;
    });
    --waiting_;
    if (!woke) {
      return absl::UnavailableError(
          fmt::format("database: all {} connections busy for {} ms", options_.size, wait.count()));
    }
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  // Reserve the slot, then connect without holding the lock: connecting takes
  // a network round trip or more, and other callers may be returning theirs.
  ++open_;
  lock.unlock();
  auto conn = Connection::Open(options_.url);
  if (!conn.ok()) {
    lock.lock();
    --open_;
    available_.notify_one();
    return conn.status();
  }
  return Lease(this, *std::move(conn));
}

void Pool::Release(std::unique_ptr<Connection> conn) {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mutex_);
    if (conn->Reusable()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
      if (conn->Broken()) {
        // The server most likely restarted: the idle connections went with
        // it, and handing them out would cost each caller a failed attempt.
        dropped.swap(idle_);
        open_ -= static_cast<int>(dropped.size());
      }
      dropped.push_back(std::move(conn));
    }
  }
  available_.notify_all();
  // Closed outside the lock: closing a socket can take a moment.
}

absl::Status Pool::Ping() {
  auto lease = Acquire();
  if (!lease.ok()) return lease.status();
  return (*lease)->Execute(kPing).status();
}

Pool::Stats Pool::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{open_, static_cast<int>(idle_.size()), waiting_};
}

}  // namespace sentra::db

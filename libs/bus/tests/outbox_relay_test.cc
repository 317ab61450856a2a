#include "sentra/bus/outbox_relay.h"

#include <catch2/catch.hpp>
#include <thread>

#include "bus_fixture.h"
#include "fmt/format.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/testing/wait.h"

using sentra::bus::OutboxRelay;
using sentra::bus::testing::BusFixture;
using sentra::testing::StaysFalse;
using sentra::testing::WaitFor;
using Labels = std::vector<std::string>;

TEST_CASE("relay publishes committed events in commit order, each transaction's in insert order", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"a1", "a2", "a3"});
  f.Emit({"b1"});
  f.Emit({"c1", "c2"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 6; }));
  CHECK(f.Received() == Labels{"a1", "a2", "a3", "b1", "c1", "c2"});
}

namespace {

// A transaction on its own connection, left open until the test commits it.
class OpenTransaction {
 public:
  explicit OpenTransaction(BusFixture& f) : f_(f) {
    auto conn = sentra::db::Connection::Open(f.schema.url());
    REQUIRE(conn.ok());
    conn_ = *std::move(conn);
    REQUIRE(conn_->ExecuteScript("BEGIN", "begin").ok());
    constexpr sentra::db::Query kSetOrg{"t.set_org", "SELECT set_config('sentra.org_id', $1, true)"};
    REQUIRE(conn_->Execute(kSetOrg, f.org_id()).ok());
    tx_ = std::make_unique<sentra::db::Transaction>(*conn_, f.org_id());
  }
  // Makes PostgreSQL assign this transaction its id now.
  void TakeTransactionId() { REQUIRE(conn_->ExecuteScript("SELECT pg_current_xact_id()", "xid").ok()); }
  void Append(const std::string& label) {
    sentra::events::v1::OrganizationCreated payload;
    payload.set_name(label);
    REQUIRE(f_.writer.Append(*tx_, f_.Type("created"), "thing", label, payload, {}).ok());
  }
  void Commit() { REQUIRE(conn_->ExecuteScript("COMMIT", "commit").ok()); }

 private:
  BusFixture& f_;
  std::unique_ptr<sentra::db::Connection> conn_;
  std::unique_ptr<sentra::db::Transaction> tx_;
};

}  // namespace

TEST_CASE("relay publishes a committed event at once, even while an older transaction is still open", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  auto options = f.Relay();
  options.poll_interval = std::chrono::seconds(30);  // only NOTIFY can wake it in time
  OutboxRelay relay(options);
  relay.Start();
  REQUIRE(WaitFor([&] { return relay.is_leader(); }));

  OpenTransaction slow(f);  // appends first, commits last
  slow.Append("slow");
  f.Emit({"fast"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 1; }, std::chrono::seconds(2)));
  CHECK(f.Received() == Labels{"fast"});

  slow.Commit();  // its lower seq is not skipped for having come late
  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }, std::chrono::seconds(2)));
  CHECK(f.Received() == Labels{"fast", "slow"});
}

TEST_CASE("one aggregate's events are published in commit order, even when the later writer took its transaction id first", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  OutboxRelay relay(f.Relay());
  relay.Start();

  // `second` is assigned the lower transaction id but writes the aggregate
  // after `first` committed, as a writer waiting for the aggregate's row
  // lock would.
  OpenTransaction second(f);
  second.TakeTransactionId();
  OpenTransaction first(f);
  first.TakeTransactionId();
  first.Append("first");
  first.Commit();
  second.Append("second");
  second.Commit();

  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }));
  CHECK(f.Received() == Labels{"first", "second"});
}

TEST_CASE("a rolled-back transaction's events are never published", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  OutboxRelay relay(f.Relay());
  relay.Start();
  auto status = sentra::db::InTransaction(f.pool, {.org_id = f.org_id()}, [&](sentra::db::Transaction& tx) {
    sentra::events::v1::OrganizationCreated payload;
    payload.set_name("ghost");
    if (auto id = f.writer.Append(tx, f.Type("created"), "thing", "ghost", payload, {}); !id.ok()) return id.status();
    return absl::InternalError("changed my mind");
  });
  REQUIRE_FALSE(status.ok());
  f.Emit({"real"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 1; }));
  CHECK(f.Received() == Labels{"real"});
}

TEST_CASE("only one relay per service is active and a standby takes over when it stops", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  auto first = std::make_unique<OutboxRelay>(f.Relay());
  OutboxRelay second(f.Relay());
  first->Start();
  REQUIRE(WaitFor([&] { return first->is_leader(); }));
  second.Start();
  CHECK(StaysFalse([&] { return second.is_leader(); }, std::chrono::milliseconds(400)));

  f.Emit({"one"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 1; }));
  first->Stop();
  first.reset();
  REQUIRE(WaitFor([&] { return second.is_leader(); }));
  f.Emit({"two"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }));
  CHECK(f.Received() == Labels{"one", "two"});
}

TEST_CASE("a relay that dies after the broker's confirm but before marking re-publishes on restart", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  {
    OutboxRelay dying(f.Relay());
    std::atomic<bool> died{false};
    dying.after_confirm_for_test = [&] {
      died = true;
      return false;
    };
    dying.Start();
    f.Emit({"x"});
    REQUIRE(WaitFor([&] { return died.load(); }));
    dying.Stop();
  }
  OutboxRelay restarted(f.Relay());
  restarted.Start();
  REQUIRE(WaitFor([&] { return restarted.published() == 1; }));
  // At-least-once: the event went out twice; the inbox (consumer tests) makes
  // its effect happen once.
  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }));
  CHECK(f.Received() == Labels{"x", "x"});
}

TEST_CASE("a relay wakes on NOTIFY well before its polling interval", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  auto options = f.Relay();
  options.poll_interval = std::chrono::seconds(30);
  OutboxRelay relay(options);
  relay.Start();
  REQUIRE(WaitFor([&] { return relay.is_leader(); }));
  f.Emit({"quick"});
  CHECK(WaitFor([&] { return f.Received().size() == 1; }, std::chrono::seconds(5)));
}

TEST_CASE("a relay whose database session is terminated takes the lead again and goes on publishing", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  OutboxRelay relay(f.Relay());
  relay.Start();
  REQUIRE(WaitFor([&] { return relay.is_leader(); }));
  f.Emit({"before"});
  REQUIRE(WaitFor([&] { return relay.published() == 1; }));  // sent and marked

  // The session holding the leadership lock (advisory locks show their key's
  // low 32 bits as objid).
  constexpr sentra::db::Query kTerminateLeader{
      "t.terminate_leader",
      "SELECT pg_terminate_backend(pid) FROM pg_locks "
      "WHERE locktype = 'advisory' AND granted "
      "AND objid::bigint = (hashtext($1 || '.outbox_relay')::bigint & 4294967295)"};
  auto terminated = f.schema.admin().Execute(kTerminateLeader, f.Relay().schema);
  REQUIRE(terminated.ok());
  REQUIRE(terminated->rows() == 1);

  f.Emit({"after"});
  REQUIRE(WaitFor([&] { return relay.published() == 2; }, std::chrono::seconds(5)));
  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }));
  CHECK(f.Received() == Labels{"before", "after"});
  CHECK(relay.is_leader());
}

TEST_CASE("a relay idle for longer than two heartbeats keeps its broker connection", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  auto options = f.Relay();
  options.heartbeat = std::chrono::seconds(1);
  OutboxRelay relay(options);
  relay.Start();
  f.Emit({"one"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  f.Emit({"two"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }));
  CHECK(relay.broker_connections() == 1);
}

TEST_CASE("published rows past their retention are deleted in bounded batches while publishing goes on", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  const std::string insert = fmt::format(
      "INSERT INTO {0}.outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, published_at) "
      "SELECT gen_random_uuid(), 'old', 'x', 'x', '\\x00', now() - interval '8 days' FROM generate_series(1, 2500); "
      "INSERT INTO {0}.outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, published_at) "
      "SELECT gen_random_uuid(), 'recent', 'x', 'x', '\\x00', now() - interval '1 hour' FROM generate_series(1, 10)",
      f.schema.name());
  REQUIRE(f.schema.admin().ExecuteScript(insert, "t.seed_outbox").ok());

  auto options = f.Relay();
  options.purge_batch = 100;
  OutboxRelay relay(options);
  relay.Start();
  f.Emit({"fresh"});
  REQUIRE(WaitFor([&] { return f.Received().size() == 1; }));
  REQUIRE(WaitFor([&] { return relay.purged() == 2500; }, std::chrono::seconds(20)));

  constexpr sentra::db::Query kLeft{
      "t.outbox_left", "SELECT count(*) FILTER (WHERE event_type = 'recent'), count(*) FROM outbox"};
  auto conn = f.pool.Acquire();
  REQUIRE(conn.ok());
  auto left = (*conn)->Execute(kLeft);
  REQUIRE(left.ok());
  CHECK(left->Int(0, 0) == 10);  // inside the retention: kept
  CHECK(left->Int(0, 1) == 11);  // and the one just published
  CHECK(relay.purged() == 2500);
}

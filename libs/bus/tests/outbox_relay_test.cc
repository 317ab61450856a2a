#include "sentra/bus/outbox_relay.h"

#include <catch2/catch.hpp>

#include "bus_fixture.h"
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

TEST_CASE("relay never skips a transaction that commits after a later-started one", "[bus][pg][amqp]") {
  BusFixture f;
  f.Observe();
  OutboxRelay relay(f.Relay());
  relay.Start();

  // `slow` takes its transaction id first and commits last.
  auto slow_conn = sentra::db::Connection::Open(f.schema.url());
  REQUIRE(slow_conn.ok());
  auto& slow = **slow_conn;
  REQUIRE(slow.ExecuteScript("BEGIN", "begin").ok());
  constexpr sentra::db::Query kSetOrg{"t.set_org", "SELECT set_config('sentra.org_id', $1, true)"};
  REQUIRE(slow.Execute(kSetOrg, f.org_id()).ok());
  sentra::db::Transaction slow_tx(slow, f.org_id());
  sentra::events::v1::OrganizationCreated payload;
  payload.set_name("slow");
  REQUIRE(f.writer.Append(slow_tx, f.Type("created"), "thing", "slow", payload, {}).ok());

  f.Emit({"fast"});
  // While `slow` is open, publishing `fast` would let a relay that tracks
  // "the last seq I sent" skip `slow` forever; ours waits instead.
  CHECK(StaysFalse([&] { return !f.Received().empty(); }, std::chrono::milliseconds(600)));

  REQUIRE(slow.ExecuteScript("COMMIT", "commit").ok());
  REQUIRE(WaitFor([&] { return f.Received().size() == 2; }));
  CHECK(f.Received() == Labels{"slow", "fast"});
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

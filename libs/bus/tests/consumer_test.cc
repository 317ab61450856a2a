#include "sentra/bus/consumer.h"


#include <catch2/catch.hpp>
#include <thread>

#include "bus_fixture.h"
#include "fmt/format.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/replay.h"
#include "sentra/bus/topology.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/testing/wait.h"

using namespace sentra::bus;
using sentra::bus::testing::AmqpUrl;
using sentra::bus::testing::BusFixture;
using sentra::bus::testing::ConsumerFixture;
using sentra::bus::testing::RecordEffect;
using sentra::testing::WaitFor;


TEST_CASE("the consumer applies each published event once, in its own org's scope", "[bus][pg][amqp]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  consumer.On(f.Type("created"), RecordEffect());
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"a", "b", "c"});
  REQUIRE(WaitFor([&] { return consumer.stats().applied == 3; }));
  CHECK(f.Effects() == 3);
}

TEST_CASE("a redelivered event has no second effect", "[bus][pg][amqp]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  consumer.On(f.Type("created"), RecordEffect());
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  sentra::events::v1::Envelope event;
  event.set_id(sentra::ids::NewUuidV7());
  event.set_type(f.Type("created"));
  event.set_org_id(f.org_id());
  const std::string body = event.SerializeAsString();
  f.PublishRaw(body, event.type());
  f.PublishRaw(body, event.type());
  REQUIRE(WaitFor([&] { return consumer.stats().applied + consumer.stats().duplicates == 2; }));
  CHECK(consumer.stats().applied == 1);
  CHECK(consumer.stats().duplicates == 1);
  CHECK(f.Effects() == 1);
}

TEST_CASE("an event re-published by a relay that died before marking is applied once", "[bus][pg][amqp]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  consumer.On(f.Type("created"), RecordEffect());
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  {
    OutboxRelay dying(f.Relay());
    std::atomic<bool> died{false};
    dying.after_confirm_for_test = [&] { died = true; return false; };
    dying.Start();
    f.Emit({"once"});
    REQUIRE(WaitFor([&] { return died.load(); }));
    dying.Stop();
  }
  OutboxRelay restarted(f.Relay());
  restarted.Start();
  REQUIRE(WaitFor([&] { return consumer.stats().duplicates == 1; }));
  CHECK(consumer.stats().applied == 1);
  CHECK(f.Effects() == 1);
}

TEST_CASE("a handler that fails is retried after a delay and its effect lands once", "[bus][pg][amqp]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  std::atomic<int> calls{0};
  Handler effect = RecordEffect();
  consumer.On(f.Type("created"), [&](sentra::db::Transaction& tx, const sentra::events::v1::Envelope& e) {
    // Writes, then fails: the write must roll back with the failure.
    if (auto s = effect(tx, e); !s.ok()) return s;
    if (++calls == 1) return absl::FailedPreconditionError("not ready for it yet");
    return absl::OkStatus();
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"flaky"});
  REQUIRE(WaitFor([&] { return consumer.stats().applied == 1; }));
  CHECK(consumer.stats().retried == 1);
  CHECK(calls.load() == 2);
  CHECK(f.Effects() == 1);
}

TEST_CASE("an event that keeps failing is parked after the last retry, and an undecodable one at once", "[bus][pg][amqp]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  std::atomic<int> calls{0};
  consumer.On(f.Type("created"), [&](sentra::db::Transaction&, const sentra::events::v1::Envelope&) {
    ++calls;
    return absl::InternalError("always broken");
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"doomed"});
  REQUIRE(WaitFor([&] { return consumer.stats().parked == 1; }));
  CHECK(consumer.stats().retried == 2);
  CHECK(calls.load() == 3);

  f.PublishRaw("\xff\xff not protobuf", f.Type("created"));
  REQUIRE(WaitFor([&] { return consumer.stats().parked == 2; }));
  CHECK(calls.load() == 3);
  CHECK(f.Effects() == 0);
}

TEST_CASE("a handler that throws is retried and parked like one that fails, and the consumer goes on",
          "[bus][pg][amqp]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  std::atomic<int> throws{0};
  Handler effect = RecordEffect();
  consumer.On(f.Type("created"), [&](sentra::db::Transaction& tx, const sentra::events::v1::Envelope& e) {
    sentra::events::v1::OrganizationCreated payload;
    if (e.payload().UnpackTo(&payload) && payload.name() == "throws") {
      ++throws;
      throw std::runtime_error("a bug in a handler");
    }
    return effect(tx, e);
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"throws"});
  REQUIRE(WaitFor([&] { return consumer.stats().parked == 1; }));
  CHECK(throws.load() == 3);
  f.Emit({"fine"});
  REQUIRE(WaitFor([&] { return consumer.stats().applied == 1; }));
  CHECK(f.Effects() == 1);
}

TEST_CASE("an event committed before its consumer ever started waits for it and arrives once it starts", "[bus][pg][amqp]") {
  ConsumerFixture f;
  auto options = f.Relay();
  options.subscriptions = {f.Subscribed()};
  OutboxRelay relay(options);
  relay.Start();
  f.Emit({"early"});
  REQUIRE(WaitFor([&] { return relay.published() == 1; }));

  Consumer consumer(f.Options(), f.pool);
  consumer.On(f.Type("created"), RecordEffect());
  consumer.Start();
  REQUIRE(WaitFor([&] { return f.Effects() == 1; }));
  CHECK(consumer.stats().applied == 1);
}

TEST_CASE("a consumer idle for longer than two heartbeats keeps its connections", "[bus][pg][amqp]") {
  ConsumerFixture f;
  auto options = f.Options();
  options.heartbeat = std::chrono::seconds(1);
  Consumer consumer(options, f.pool);
  consumer.On(f.Type("created"), [](sentra::db::Transaction&, const sentra::events::v1::Envelope&) {
    return absl::InternalError("not today");
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));

  // A failure goes out on the retry connection, the one idle until now.
  sentra::events::v1::Envelope event;
  event.set_id(sentra::ids::NewUuidV7());
  event.set_type(f.Type("created"));
  event.set_org_id(f.org_id());
  f.PublishRaw(event.SerializeAsString(), event.type());
  REQUIRE(WaitFor([&] { return consumer.stats().retried >= 1; }));
  CHECK(consumer.stats().sessions == 1);
}

TEST_CASE("inbox rows older than the retention are pruned in batches, newer ones and other consumers' kept", "[bus][pg][amqp]") {
  ConsumerFixture f;
  const std::string seed = fmt::format(
      "INSERT INTO {0}.inbox (consumer, event_id, event_type, received_at) "
      "SELECT '{1}', gen_random_uuid(), 'x', now() - interval '2 hours' FROM generate_series(1, 250); "
      "INSERT INTO {0}.inbox (consumer, event_id, event_type, received_at) "
      "SELECT '{1}', gen_random_uuid(), 'x', now() - interval '10 minutes' FROM generate_series(1, 5); "
      "INSERT INTO {0}.inbox (consumer, event_id, event_type, received_at) "
      "SELECT 'someone-else', gen_random_uuid(), 'x', now() - interval '2 hours' FROM generate_series(1, 5)",
      f.schema.name(), f.name);
  REQUIRE(f.schema.admin().ExecuteScript(seed, "t.seed_inbox").ok());

  auto options = f.Options();
  options.inbox_retention = std::chrono::hours(1);
  options.prune_batch = 100;
  Consumer consumer(options, f.pool);
  consumer.On(f.Type("created"), RecordEffect());
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.stats().pruned == 250; }));

  constexpr sentra::db::Query kLeft{"t.inbox_left", "SELECT consumer = $1, count(*) FROM inbox GROUP BY 1 ORDER BY 1"};
  auto conn = f.pool.Acquire();
  REQUIRE(conn.ok());
  auto left = (*conn)->Execute(kLeft, f.name);
  REQUIRE(left.ok());
  REQUIRE(left->rows() == 2);
  CHECK(left->Int(0, 1) == 5);  // someone else's, however old
  CHECK(left->Int(1, 1) == 5);  // ours, inside the retention
}

TEST_CASE("a transient failure pauses consumption without costing the event an attempt", "[bus][pg][amqp]") {
  ConsumerFixture f;  // two retries, then parking
  auto options = f.Options();
  options.pause_min = std::chrono::milliseconds(50);
  Consumer consumer(options, f.pool);
  std::atomic<int> calls{0};
  const Handler record = RecordEffect();
  consumer.On(f.Type("created"), [&](sentra::db::Transaction& tx, const sentra::events::v1::Envelope& e) {
    // More failures than there are retries: counted as attempts, they
    // would have parked the event.
    if (++calls <= 3) return absl::UnavailableError("database: cannot connect");
    return record(tx, e);
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"patient"});

  REQUIRE(WaitFor([&] { return consumer.stats().applied == 1; }, std::chrono::seconds(15)));
  CHECK(f.Effects() == 1);
  CHECK(consumer.stats().pauses == 3);
  CHECK(consumer.stats().retried == 0);
  CHECK(consumer.stats().parked == 0);
}

TEST_CASE("an event that keeps failing transiently while the database answers is retried and parked in the end", "[bus][pg][amqp]") {
  ConsumerFixture f;  // two retries, then parking
  auto options = f.Options();
  options.pause_min = std::chrono::milliseconds(50);
  Consumer consumer(options, f.pool);
  consumer.On(f.Type("created"), [](sentra::db::Transaction&, const sentra::events::v1::Envelope&) {
    return absl::DeadlineExceededError("canceling statement due to statement timeout");
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"slow"});
  REQUIRE(WaitFor([&] { return consumer.stats().parked == 1; }, std::chrono::seconds(15)));
  CHECK(consumer.stats().pauses == 3);
  CHECK(consumer.stats().retried == 2);
}

TEST_CASE("parked events go back to their consumer's queue with their attempts reset, and are applied once", "[bus][pg][amqp]") {
  ConsumerFixture f;  // two retries, then parking
  Consumer consumer(f.Options(), f.pool);
  std::atomic<bool> broken{true};
  const Handler record = RecordEffect();
  consumer.On(f.Type("created"), [&](sentra::db::Transaction& tx, const sentra::events::v1::Envelope& e) {
    if (broken) return absl::InternalError("a bug, fixed later");
    return record(tx, e);
  });
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();
  f.Emit({"a", "b"});
  REQUIRE(WaitFor([&] { return consumer.stats().parked == 2; }));

  broken = false;
  auto replayed = ReplayParked(AmqpUrl(), f.name);
  REQUIRE(replayed.ok());
  CHECK(replayed->moved == 2);
  CHECK(replayed->left == 0);
  REQUIRE(WaitFor([&] { return f.Effects() == 2; }));
  CHECK(consumer.stats().applied == 2);
  CHECK(consumer.stats().retried == 4);  // from before: none after the replay
  CHECK(consumer.stats().parked == 2);

  auto again = ReplayParked(AmqpUrl(), f.name);  // nothing left: a no-op
  REQUIRE(again.ok());
  CHECK(again->moved == 0);
}

TEST_CASE("replaying the parked events of a consumer that never ran names what is missing", "[bus][amqp]") {
  auto replayed = ReplayParked(AmqpUrl(), "nobody-" + sentra::ids::NewUuidV7());
  CHECK(replayed.status().code() == absl::StatusCode::kNotFound);
}

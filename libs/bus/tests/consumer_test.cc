#include "sentra/bus/consumer.h"


#include <catch2/catch.hpp>

#include "bus_fixture.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/topology.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/testing/wait.h"

using namespace sentra::bus;
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
    if (++calls == 1) return absl::UnavailableError("downstream hiccup");
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

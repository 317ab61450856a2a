// Runs alone (RUN_SERIAL): it stops and restarts the shared test broker.
#include <catch2/catch.hpp>

#include "bus_fixture.h"
#include "sentra/testing/broker.h"
#include "sentra/testing/wait.h"

using namespace sentra::bus;
using sentra::bus::testing::ConsumerFixture;
using sentra::testing::WaitFor;

TEST_CASE("events written while the broker is down are all delivered once it is back", "[bus][pg][amqp][slow]") {
  ConsumerFixture f;
  Consumer consumer(f.Options(), f.pool);
  consumer.On(f.Type("created"), testing::RecordEffect());
  consumer.Start();
  REQUIRE(WaitFor([&] { return consumer.connected(); }));
  OutboxRelay relay(f.Relay());
  relay.Start();

  f.Emit({"before-1", "before-2"});
  REQUIRE(WaitFor([&] { return consumer.stats().applied == 2; }));

  REQUIRE(sentra::testing::BrokerCtl("stop"));
  // Writes keep committing while the broker is away; their events wait in the outbox.
  for (int i = 0; i < 10; ++i) f.Emit({"during-" + std::to_string(i), "during-b" + std::to_string(i)});
  CHECK(f.Effects() == 2);
  REQUIRE(sentra::testing::BrokerCtl("start"));

  REQUIRE(WaitFor([&] { return consumer.stats().applied == 22; }, std::chrono::seconds(60)));
  CHECK(f.Effects() == 22);
  // A delivery can beat its publisher confirm back to the relay, which
  // counts a row published only once it is confirmed.
  CHECK(WaitFor([&] { return relay.published() >= 22; }, std::chrono::seconds(10)));
}

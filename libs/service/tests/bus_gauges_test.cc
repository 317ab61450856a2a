#include "sentra/service/bus_gauges.h"

#include <amqp.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "fmt/format.h"
#include "sentra/bus/migrations.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/topology.h"
#include "sentra/db/migrations.h"
#include "sentra/ids/uuid.h"
#include "sentra/testing/pg.h"

using sentra::service::BusGauges;

namespace {

std::string AmqpUrl() {
  const char* url = std::getenv("SENTRA_TEST_AMQP_URL");
  if (url == nullptr || *url == '\0') FAIL("SENTRA_TEST_AMQP_URL is not set: run through `deploy/sentra test`");
  return url;
}

}  // namespace

TEST_CASE("bus gauges report the outbox's lag and the parking queue's depth", "[service][pg][amqp]") {
  sentra::testing::ScratchSchema schema;
  sentra::db::Pool pool({.url = schema.url(), .size = 2});
  {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE(sentra::db::ApplyMigrations(**conn, schema.name(), "bus", sentra::bus::Migrations()).ok());
  }
  const std::string service = "t" + sentra::ids::NewUuidV7().substr(24);
  BusGauges gauges(service, AmqpUrl(), pool);

  gauges.Refresh();
  CHECK(gauges.outbox_unpublished() == 0);
  CHECK(gauges.outbox_oldest_unpublished_seconds() == 0);
  CHECK(gauges.parked_events() == 0);  // no parking queue yet: nothing parked

  const std::string seed = fmt::format(
      "INSERT INTO {0}.outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, created_at) VALUES "
      "(gen_random_uuid(), 'x', 'x', 'x', '\\x00', now() - interval '90 seconds'), "
      "(gen_random_uuid(), 'x', 'x', 'x', '\\x00', now()); "
      "INSERT INTO {0}.outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, published_at) "
      "VALUES (gen_random_uuid(), 'x', 'x', 'x', '\\x00', now() - interval '1 hour')",
      schema.name());
  REQUIRE(schema.admin().ExecuteScript(seed, "t.seed").ok());

  auto publisher = sentra::bus::Publisher::Open(AmqpUrl(), "test-gauges");
  REQUIRE(publisher.ok());
  REQUIRE(sentra::bus::DeclareSubscription((*publisher)->connection(), {.consumer = service, .event_types = {"x"}})
              .ok());
  const std::string parking = sentra::bus::ParkingQueue(service);
  const sentra::bus::OutgoingMessage parked[] = {
      {.exchange = "", .routing_key = parking, .body = "a", .message_id = "1", .type = "x", .headers = {}},
      {.exchange = "", .routing_key = parking, .body = "b", .message_id = "2", .type = "x", .headers = {}},
      {.exchange = "", .routing_key = parking, .body = "c", .message_id = "3", .type = "x", .headers = {}}};
  REQUIRE((*publisher)->PublishAndConfirm(parked, std::chrono::seconds(5)).ok());

  gauges.Refresh();
  CHECK(gauges.outbox_unpublished() == 2);
  CHECK(gauges.outbox_oldest_unpublished_seconds() >= 89);
  CHECK(gauges.outbox_oldest_unpublished_seconds() < 120);
  CHECK(gauges.parked_events() == 3);

  std::vector<std::string> queues = {sentra::bus::EventsQueue(service), parking};
  for (const auto delay : sentra::bus::DefaultRetryDelays()) queues.push_back(sentra::bus::RetryQueue(service, delay));
  for (const auto& q : queues) {
    amqp_queue_delete((*publisher)->connection().state(), sentra::bus::AmqpConnection::kChannel,
                      amqp_bytes_t{q.size(), const_cast<char*>(q.data())}, 0, 0);
  }
}

#include "sentra/bus/publisher.h"

#include <amqp.h>

#include <catch2/catch.hpp>

#include "bus_fixture.h"
#include "sentra/bus/topology.h"
#include "sentra/ids/uuid.h"

using namespace sentra::bus;
using sentra::bus::testing::AmqpUrl;

namespace {

OutgoingMessage To(std::string_view exchange, std::string_view key, std::string_view id) {
  return OutgoingMessage{.exchange = exchange, .routing_key = key, .body = "x", .message_id = id, .type = "t",
                         .headers = {}};
}

amqp_bytes_t B(std::string_view s) { return amqp_bytes_t{s.size(), const_cast<char*>(s.data())}; }

}  // namespace

TEST_CASE("a message no queue takes comes back as unroutable, and the connection stays usable", "[bus][amqp]") {
  auto publisher = Publisher::Open(AmqpUrl(), "test-publisher");
  REQUIRE(publisher.ok());
  auto queue = (*publisher)->connection().DeclarePrivateQueue();
  REQUIRE(queue.ok());
  const std::string nowhere = "no-such-queue-" + sentra::ids::NewUuidV7();
  const OutgoingMessage batch[] = {To("", *queue, "m0"), To("", nowhere, "m1"), To("", *queue, "m2")};

  std::vector<std::size_t> unroutable;
  const auto status = (*publisher)->PublishAndConfirm(batch, std::chrono::seconds(5), &unroutable);
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(status.message()), Catch::Contains(nowhere));
  CHECK(unroutable == std::vector<std::size_t>{1});

  const OutgoingMessage again = To("", *queue, "m3");
  CHECK((*publisher)->PublishAndConfirm({&again, 1}, std::chrono::seconds(5)).ok());
}

TEST_CASE("an event type no consumer is bound for is kept in the unrouted queue", "[bus][amqp]") {
  auto publisher = Publisher::Open(AmqpUrl(), "test-publisher");
  REQUIRE(publisher.ok());
  const std::string id = sentra::ids::NewUuidV7();
  // An events exchange of this test's own: the shared one routes every type
  // to analytics' queue.
  const std::string exchange = "test-events-" + id;
  REQUIRE(DeclareEventsExchange((*publisher)->connection(), exchange).ok());
  const OutgoingMessage event = To(exchange, "nobody.happened", id);
  REQUIRE((*publisher)->PublishAndConfirm({&event, 1}, std::chrono::seconds(5)).ok());
  amqp_exchange_delete((*publisher)->connection().state(), AmqpConnection::kChannel, B(exchange), 0);

  // Other tests may leave events there too: look for ours.
  auto reader = AmqpConnection::Open(AmqpUrl(), "test-unrouted-reader");
  REQUIRE(reader.ok());
  bool found = false;
  for (int i = 0; i < 10000 && !found; ++i) {
    amqp_basic_get((*reader)->state(), AmqpConnection::kChannel, B(kUnroutedQueue), /*no_ack=*/1);
    amqp_rpc_reply_t reply = amqp_get_rpc_reply((*reader)->state());
    REQUIRE(reply.reply_type == AMQP_RESPONSE_NORMAL);
    if (reply.reply.id == AMQP_BASIC_GET_EMPTY_METHOD) break;
    amqp_message_t message;
    REQUIRE(amqp_read_message((*reader)->state(), AmqpConnection::kChannel, &message, 0).reply_type ==
            AMQP_RESPONSE_NORMAL);
    found = std::string_view(static_cast<char*>(message.properties.message_id.bytes),
                             message.properties.message_id.len) == id;
    amqp_destroy_message(&message);
  }
  CHECK(found);
}

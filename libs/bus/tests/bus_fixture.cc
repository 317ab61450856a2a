#include "bus_fixture.h"

#include <amqp.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "sentra/bus/migrations.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/topology.h"
#include "sentra/db/migrations.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/ids/uuid.h"

namespace sentra::bus::testing {

namespace {
amqp_bytes_t B(std::string_view s) { return amqp_bytes_t{s.size(), const_cast<char*>(s.data())}; }
}  // namespace

std::string AmqpUrl() {
  const char* url = std::getenv("SENTRA_TEST_AMQP_URL");
  if (url == nullptr || *url == '\0') {
    FAIL("SENTRA_TEST_AMQP_URL is not set: run the tests through `deploy/sentra test`");
    return {};
  }
  return url;
}

BusFixture::BusFixture()
    : pool({.url = schema.url(), .size = 4}),
      prefix_("t" + ids::NewUuidV7().substr(24)),
      org_id_(ids::NewUuidV7()) {
  auto conn = pool.Acquire();
  REQUIRE(conn.ok());
  REQUIRE(db::ApplyMigrations(**conn, schema.name(), "bus", Migrations()).ok());
}

BusFixture::~BusFixture() = default;

void BusFixture::Emit(const std::vector<std::string>& labels, std::string_view suffix) {
  const std::string type = Type(suffix);
  REQUIRE(db::InTransaction(pool, {.org_id = org_id_}, [&](db::Transaction& tx) -> absl::Status {
            for (const auto& label : labels) {
              events::v1::OrganizationCreated payload;
              payload.set_name(label);
              auto id = writer.Append(tx, type, "thing", label, payload, {"tester", "req-1"});
              if (!id.ok()) return id.status();
            }
            return absl::OkStatus();
          }).ok());
}

RelayOptions BusFixture::Relay() const {
  return RelayOptions{.db_url = schema.url(),
                      .amqp_url = AmqpUrl(),
                      .schema = schema.name(),
                      .batch_size = 64,
                      .poll_interval = std::chrono::milliseconds(200),
                      .confirm_timeout = std::chrono::milliseconds(5000),
                      .reconnect_backoff = std::chrono::milliseconds(100)};
}

void BusFixture::Observe() {
  auto conn = AmqpConnection::Open(AmqpUrl(), "test-observer");
  INFO(std::string(conn.status().message()));
  REQUIRE(conn.ok());
  observer_ = *std::move(conn);
  REQUIRE(DeclareEventsExchange(*observer_).ok());
  const std::string queue = prefix_ + ".observer";
  amqp_queue_declare(observer_->state(), AmqpConnection::kChannel, B(queue), 0, 0,
                     /*exclusive=*/1, /*auto_delete=*/1, amqp_empty_table);
  REQUIRE(observer_->ReplyStatus("declare").ok());
  REQUIRE(observer_->BindQueue(queue, kEventsExchange, prefix_ + ".#").ok());
  amqp_basic_consume(observer_->state(), AmqpConnection::kChannel, B(queue), amqp_empty_bytes, 0,
                     /*no_ack=*/1, 0, amqp_empty_table);
  REQUIRE(observer_->ReplyStatus("consume").ok());
}

std::vector<std::string> BusFixture::Received() {
  while (true) {
    amqp_maybe_release_buffers(observer_->state());
    amqp_envelope_t delivery;
    timeval timeout{0, 1000};
    auto reply = amqp_consume_message(observer_->state(), &delivery, &timeout, 0);
    if (reply.reply_type != AMQP_RESPONSE_NORMAL) break;
    events::v1::Envelope event;
    REQUIRE(event.ParseFromArray(delivery.message.body.bytes, static_cast<int>(delivery.message.body.len)));
    events::v1::OrganizationCreated payload;
    REQUIRE(event.payload().UnpackTo(&payload));
    received_.push_back(payload.name());
    amqp_destroy_envelope(&delivery);
  }
  return received_;
}

namespace {
constexpr db::Query kCreateEffects{
    "t.create_effects", "CREATE TABLE effects (event_id uuid NOT NULL, org_id uuid NOT NULL)"};
constexpr db::Query kRecordEffect{"t.record_effect",
                                  "INSERT INTO effects (event_id, org_id) VALUES ($1, $2)"};
constexpr db::Query kCountEffects{"t.count_effects", "SELECT count(*) FROM effects"};
}  // namespace

ConsumerFixture::ConsumerFixture() {
  auto conn = pool.Acquire();
  REQUIRE((*conn)->Execute(kCreateEffects).ok());
}

ConsumerFixture::~ConsumerFixture() {
  // Queues are durable; remove this test's so the broker does not fill up.
  auto conn = AmqpConnection::Open(AmqpUrl(), "test-cleanup");
  if (!conn.ok()) return;
  for (const auto& q : {EventsQueue(name), ParkingQueue(name), RetryQueue(name, delays[0]),
                        RetryQueue(name, delays[1])}) {
    amqp_queue_delete((*conn)->state(), AmqpConnection::kChannel, B(q), 0, 0);
  }
}

ConsumerOptions ConsumerFixture::Options() const {
  return ConsumerOptions{.consumer = name,
                         .amqp_url = AmqpUrl(),
                         .retry_delays = delays,
                         .prefetch = 8,
                         .reconnect_backoff = std::chrono::milliseconds(100)};
}

Subscription ConsumerFixture::Subscribed() const {
  return Subscription{.consumer = name, .event_types = {Type("created")}, .retry_delays = delays};
}

std::int64_t ConsumerFixture::Effects() {
  auto conn = pool.Acquire();
  return (*conn)->Execute(kCountEffects)->Int(0, 0);
}

void ConsumerFixture::PublishRaw(const std::string& body, const std::string& type) {
  auto publisher = Publisher::Open(AmqpUrl(), "test-raw");
  REQUIRE(publisher.ok());
  OutgoingMessage m{.exchange = kEventsExchange, .routing_key = type, .body = body,
                    .message_id = "raw", .type = type, .headers = {}};
  REQUIRE((*publisher)->PublishAndConfirm({&m, 1}, std::chrono::seconds(5)).ok());
}

Handler RecordEffect() {
  return [](db::Transaction& tx, const events::v1::Envelope& event) {
    if (tx.org_id() != event.org_id()) return absl::InternalError("wrong organization scope");
    return tx.Execute(kRecordEffect, event.id(), event.org_id()).status();
  };
}

}  // namespace sentra::bus::testing

// Shared set-up for bus tests: a scratch schema with the outbox and inbox, a
// pool, names unique to the test (so parallel tests on one broker never see
// each other's events), and a plain AMQP queue to observe what was published.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sentra/bus/amqp_connection.h"
#include "sentra/bus/consumer.h"
#include "sentra/bus/outbox_relay.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/testing/pg.h"

namespace sentra::bus::testing {

std::string AmqpUrl();

class BusFixture {
 public:
  BusFixture();
  ~BusFixture();

  // An event type unique to this test, e.g. "t1a2b3c.created".
  std::string Type(std::string_view suffix) const { return prefix_ + "." + std::string(suffix); }
  const std::string& prefix() const { return prefix_; }
  const std::string& org_id() const { return org_id_; }

  // Commits one transaction that appends one event per label, in order.
  void Emit(const std::vector<std::string>& labels, std::string_view suffix = "created");

  RelayOptions Relay() const;

  // Binds a private queue to this test's events; Received() drains it.
  void Observe();
  // Labels (the aggregate ids) of the events received so far, in order.
  std::vector<std::string> Received();

  sentra::testing::ScratchSchema schema;
  db::Pool pool;
  OutboxWriter writer{"test"};

 private:
  std::string prefix_;
  std::string org_id_;
  std::unique_ptr<AmqpConnection> observer_;
  std::vector<std::string> received_;
};

// A BusFixture plus a consumer named for the test, with short retry delays,
// and an `effects` table its handlers write to.
class ConsumerFixture : public BusFixture {
 public:
  ConsumerFixture();
  ~ConsumerFixture();
  ConsumerOptions Options() const;
  // What Options() consumes, for a relay to declare: this test's "created".
  Subscription Subscribed() const;
  std::int64_t Effects();
  // Publishes a body straight to the exchange, bypassing the outbox.
  void PublishRaw(const std::string& body, const std::string& type);

  const std::string name = prefix() + "_consumer";
  const std::vector<std::chrono::milliseconds> delays{std::chrono::milliseconds(50),
                                                      std::chrono::milliseconds(100)};
};

// Records one effect row per event, checking the transaction's org scope.
Handler RecordEffect();

}  // namespace sentra::bus::testing

// Stops and starts the test run's private RabbitMQ (SENTRA_TEST_BROKER_CTL,
// set by deploy/sentra test), for outage tests. Such tests run alone
// (RUN_SERIAL): the broker is shared by everything in the run.
#pragma once

#include <string_view>

namespace sentra::testing {

// `action` is "stop" or "start"; false when it failed or is not available.
bool BrokerCtl(std::string_view action);

}  // namespace sentra::testing

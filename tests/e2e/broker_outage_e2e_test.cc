// Runs alone (RUN_SERIAL): stops and restarts the stack's broker.
#include <catch2/catch.hpp>

#include "sentra/testing/broker.h"
#include "sentra/testing/wait.h"
#include "stack.h"

using namespace sentra::e2e;
using sentra::testing::WaitFor;

TEST_CASE("with the broker down, readiness names it, writes still commit, and their events arrive once it is back", "[e2e][slow]") {
  Session s = SignupNewOrganization();
  REQUIRE(sentra::testing::BrokerCtl("stop"));
  REQUIRE(WaitFor([] { return Get("/readyz").status == 503; }, std::chrono::seconds(30)));
  auto ready = Get("/readyz");
  CHECK(ready.body.find("\"broker\":\"down\"") != std::string::npos);
  CHECK(ready.body.find("\"db\":\"up\"") != std::string::npos);

  auto created = Post("/v1/leads", R"({"name":"Written while the broker was down"})", s.access_token);
  REQUIRE(created.status == 201);
  const std::string lead_id = created.Field("id");
  // The operator sees the outbox falling behind.
  const std::string core_lag = "sentra_outbox_unpublished{service=\"core\"}";
  REQUIRE(WaitFor([&] { return MetricSample(Get("/metrics").body, core_lag).value_or(0) >= 1; },
                  std::chrono::seconds(20)));

  REQUIRE(sentra::testing::BrokerCtl("start"));
  REQUIRE(WaitFor([] { return Get("/readyz").status == 200; }, std::chrono::seconds(60)));
  REQUIRE(WaitFor([&] {
    return QueryStackDb("SELECT count(*) FROM analytics.event_archive WHERE org_id = '" + s.org_id +
                        "' AND event_type = 'lead.created'") == "1";
  }, std::chrono::seconds(60)));
  CHECK(QueryStackDb("SELECT count(*) FROM core.outbox WHERE aggregate_id = '" + lead_id +
                     "' AND published_at IS NULL") == "0");
  CHECK(WaitFor([&] { return MetricSample(Get("/metrics").body, core_lag) == 0; }, std::chrono::seconds(20)));
}

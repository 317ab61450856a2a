// The gateway's edge, through the real stack: rate limits, CORS and the
// security headers every answer carries.
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <fstream>

#include "fmt/format.h"
#include "sentra/services.h"
#include "sentra/testing/wait.h"
#include "stack.h"

using namespace sentra::e2e;

namespace {

int HeaderInt(const Response& res, const std::string& name) {
  const auto it = res.headers.find(name);
  return it == res.headers.end() ? -1 : std::atoi(it->second.c_str());
}

void CheckRateLimited(const Response& res) {
  INFO(res.body);
  CHECK(res.status == 429);
  CHECK(res.Field("error.code") == "RATE_LIMITED");
  CHECK(HeaderInt(res, "retry-after") >= 1);
  CHECK(HeaderInt(res, "x-ratelimit-remaining") == 0);
  CHECK(HeaderInt(res, "x-ratelimit-limit") > 0);
}

std::string LoginBody(const std::string& email, const std::string& password) {
  return R"({"email":")" + email + R"(","password":")" + password + R"("})";
}

}  // namespace

TEST_CASE("guessing one account's password is stopped after a handful of tries, other accounts unaffected",
          "[e2e][edge]") {
  Session victim = SignupNewOrganization();
  Session bystander = SignupNewOrganization();
  auto first = Post("/v1/auth/login", LoginBody(victim.email, "wrong guess 0"));
  CHECK(first.status == 401);
  const int limit = HeaderInt(first, "x-ratelimit-limit");
  INFO("per-e-mail limit " << limit);
  REQUIRE(limit > 0);
  REQUIRE(limit <= 20);  // a handful, not a throughput limit
  CHECK(HeaderInt(first, "x-ratelimit-remaining") < limit);
  CHECK(HeaderInt(first, "x-ratelimit-reset") > 0);

  Response last;
  for (int i = 1; i <= limit + 1; ++i) {
    // The address as the attacker varies it still names one account.
    std::string email = victim.email;
    if (i % 2 == 1) email[0] = static_cast<char>(std::toupper(email[0]));
    last = Post("/v1/auth/login", LoginBody(email, "wrong guess " + std::to_string(i)));
    if (last.status == 429) break;
    CHECK(last.status == 401);
  }
  CheckRateLimited(last);
  // Now even the right password waits; so do reset e-mails to the address.
  CheckRateLimited(Post("/v1/auth/login", LoginBody(victim.email, victim.password)));
  CheckRateLimited(Post("/v1/auth/password/forgot", R"({"email":")" + victim.email + R"("})"));
  // The victim's existing session is not a login attempt, and is not limited.
  CHECK(Get("/v1/auth/me", victim.access_token).status == 200);
  // Another account from the same address signs in.
  CHECK(Post("/v1/auth/login", LoginBody(bystander.email, bystander.password)).status == 200);
}

TEST_CASE("a user over the per-user rate gets 429 with Retry-After, others in other organizations don't",
          "[e2e][edge]") {
  Session busy = SignupNewOrganization();
  Session other = SignupNewOrganization();
  auto first = Get("/v1/auth/me", busy.access_token);
  REQUIRE(first.status == 200);
  const int limit = HeaderInt(first, "x-ratelimit-limit");
  REQUIRE(limit > 0);
  REQUIRE(limit <= 1000);  // the test stack's per-user rule must be reachable here
  CHECK(HeaderInt(first, "x-ratelimit-remaining") == limit - 1);

  int previous_remaining = limit - 1;
  Response last;
  for (int i = 0; i < 2 * limit + 10; ++i) {
    last = Get("/v1/leads?limit=1", busy.access_token);
    if (last.status == 429) break;
    REQUIRE(last.status == 200);
    const int remaining = HeaderInt(last, "x-ratelimit-remaining");
    CHECK(remaining <= previous_remaining + 1);  // refills slowly, never jumps
    previous_remaining = remaining;
  }
  CheckRateLimited(last);
  CHECK(HeaderInt(last, "x-ratelimit-limit") == limit);
  CHECK(Get("/v1/auth/me", other.access_token).status == 200);
}

TEST_CASE("every answer carries the security headers", "[e2e][edge]") {
  Session s = SignupNewOrganization();
  for (const auto& res : {Get("/healthz"), Get("/v1/nowhere"), Get("/v1/leads"), Get("/v1/leads", s.access_token),
                          Post("/v1/leads", "{", s.access_token)}) {
    INFO(res.status << " " << res.body);
    CHECK(res.headers.count("x-request-id") == 1);
    CHECK(res.headers.at("x-content-type-options") == "nosniff");
    CHECK(res.headers.at("x-frame-options") == "DENY");
    CHECK(res.headers.at("referrer-policy") == "no-referrer");
    CHECK(res.headers.at("content-security-policy").find("default-src 'none'") != std::string::npos);
    CHECK(res.headers.count("strict-transport-security") == 0);  // plain HTTP here
  }
}

TEST_CASE("CORS: a listed origin's preflight and requests are answered, other origins are not", "[e2e][edge]") {
  const std::string origin = Env("SENTRA_TEST_CORS_ORIGIN");
  REQUIRE_FALSE(origin.empty());
  Session s = SignupNewOrganization();

  auto preflight = Send({.method = "OPTIONS",
                         .target = "/v1/leads",
                         .content_type = "",
                         .headers = {{"Origin", origin},
                                     {"Access-Control-Request-Method", "POST"},
                                     {"Access-Control-Request-Headers", "authorization, content-type"}}});
  CHECK(preflight.status == 204);
  CHECK(preflight.headers["access-control-allow-origin"] == origin);
  CHECK(preflight.headers["access-control-allow-credentials"] == "true");
  CHECK(preflight.headers["access-control-allow-methods"].find("POST") != std::string::npos);
  CHECK(preflight.headers["access-control-allow-methods"].find("GET") != std::string::npos);
  CHECK(preflight.headers["access-control-allow-headers"].find("Authorization") != std::string::npos);
  CHECK(preflight.headers["vary"] == "Origin");

  auto evil = Send({.method = "OPTIONS",
                    .target = "/v1/leads",
                    .content_type = "",
                    .headers = {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}}});
  CHECK(evil.status == 403);
  CHECK(evil.headers.count("access-control-allow-origin") == 0);
  CHECK(evil.Field("error.code") == "FORBIDDEN");

  auto nowhere = Send({.method = "OPTIONS",
                       .target = "/v1/nowhere",
                       .content_type = "",
                       .headers = {{"Origin", origin}, {"Access-Control-Request-Method", "GET"}}});
  CHECK(nowhere.status == 404);

  auto listed = Send({.target = "/v1/leads", .token = s.access_token, .headers = {{"Origin", origin}}});
  CHECK(listed.status == 200);
  CHECK(listed.headers["access-control-allow-origin"] == origin);
  CHECK(listed.headers["access-control-expose-headers"].find("X-Request-Id") != std::string::npos);
  auto unlisted =
      Send({.target = "/v1/leads", .token = s.access_token, .headers = {{"Origin", "https://evil.example"}}});
  CHECK(unlisted.status == 200);  // the browser, not the server, withholds it
  CHECK(unlisted.headers.count("access-control-allow-origin") == 0);
  CHECK(unlisted.headers["vary"] == "Origin");
  // OPTIONS that is not a preflight is still a method the API does not serve.
  CHECK(Send({.method = "OPTIONS", .target = "/v1/leads", .content_type = ""}).status == 405);
}

TEST_CASE("/metrics shows each service's outbox lag, parked events, memory and what its statements read",
          "[e2e][edge]") {
  for (const char* service : sentra::kServices) {
    INFO(service);
    const std::string labels = fmt::format("{{service=\"{}\"}}", service);
    // Every service's relay reads its outbox.
    const std::string relay = fmt::format("{{service=\"{}\",statement=\"relay.ready\"}}", service);
    // The gateway asks the services every few seconds.
    CHECK(sentra::testing::WaitFor(
        [&] {
          const std::string metrics = Get("/metrics").body;
          return MetricSample(metrics, "sentra_outbox_unpublished" + labels).has_value() &&
                 MetricSample(metrics, "sentra_outbox_oldest_unpublished_seconds" + labels).has_value() &&
                 MetricSample(metrics, "sentra_bus_parked_events" + labels).value_or(-1) >= 0 &&
                 MetricSample(metrics, "sentra_process_resident_bytes" + labels).value_or(0) > 1'000'000 &&
                 MetricSample(metrics, "sentra_db_results_total" + relay).value_or(0) > 0 &&
                 MetricSample(metrics, "sentra_db_result_bytes_total" + relay).has_value() &&
                 MetricSample(metrics, "sentra_db_result_bytes_largest" + relay).has_value();
        },
        std::chrono::seconds(15)));
  }
}

TEST_CASE("the gateway serves its OpenAPI document to anyone, and only to read", "[e2e][edge]") {
  const auto document = Get("/v1/openapi.json");
  REQUIRE(document.status == 200);
  CHECK(document.headers.at("content-type") == "application/json");
  CHECK(document.body.find("\"openapi\":\"3.1.0\"") != std::string::npos);
  CHECK(document.body.find("\"/v1/leads/{id}\"") != std::string::npos);
  CHECK(Send({.method = "POST", .target = "/v1/openapi.json", .body = "{}"}).status == 405);
}

TEST_CASE("/metrics shows each kind of background job a service runs: queued, running, failed, oldest due",
          "[e2e][edge]") {
  // Core's overdue check runs every second in the test stack; it fails none.
  const std::string labels = R"({service="core",kind="task.overdue_check"})";
  std::string metrics;
  CHECK(sentra::testing::WaitFor(
      [&] {
        metrics = Get("/metrics").body;
        return MetricSample(metrics, "sentra_jobs_queued" + labels).has_value() &&
               MetricSample(metrics, "sentra_jobs_running" + labels).has_value() &&
               MetricSample(metrics, "sentra_jobs_oldest_due_seconds" + labels).has_value() &&
               MetricSample(metrics, "sentra_jobs_failed" + labels) == 0;
      },
      std::chrono::seconds(15)));
  INFO(metrics.substr(metrics.find("sentra_jobs_queued")));
  CHECK(MetricSample(metrics, "sentra_jobs_oldest_due_seconds" + labels).value_or(99) < 10);
}

TEST_CASE("every request leaves one line in the gateway's log and one in each service it reached, under its id",
          "[e2e][edge]") {
  Session s = SignupNewOrganization();
  const std::string id = "log-line-" + UniqueSuffix();
  const auto listed = Send({.target = "/v1/leads?limit=5", .token = s.access_token, .headers = {{"X-Request-Id", id}}});
  REQUIRE(listed.status == 200);
  const auto line_with = [&](const std::string& file, const std::string& text) {
    std::string found;
    sentra::testing::WaitFor([&] {
      std::ifstream in(Env("SENTRA_TEST_STATE") + "/logs/" + file);
      for (std::string line; std::getline(in, line);) {
        if (line.find(id) != std::string::npos && line.find(text) != std::string::npos) {
          found = line;
          return true;
        }
      }
      return false;
    });
    return found;
  };
  // Method, path, status and time; the service's: its method, its status and time.
  const std::string gateway = line_with("gateway.log", "GET /v1/leads 200 ");
  INFO(gateway);
  CHECK(gateway.find(R"("request_id":")" + id + "\"") != std::string::npos);
  CHECK(gateway.find("ms\"") != std::string::npos);
  const std::string core = line_with("core.log", "/sentra.core.v1.LeadService/ListLeads OK ");
  INFO(core);
  CHECK(core.find(R"("org_id":")" + s.org_id + "\"") != std::string::npos);
  CHECK(core.find("ms\"") != std::string::npos);
}

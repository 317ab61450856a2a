// Bad input through the gateway: always a 4xx in the error envelope.
#include <catch2/catch.hpp>

#include "sentra/services.h"
#include "stack.h"

using namespace sentra::e2e;

namespace {

void CheckError(const Response& res, int status, const std::string& code) {
  INFO(res.body);
  CHECK(res.status == status);
  CHECK(res.Field("error.code") == code);
  CHECK_FALSE(res.Field("error.request_id").empty());
  CHECK(res.headers.count("x-request-id") == 1);
}

}  // namespace

TEST_CASE("malformed JSON, wrong types, unknown fields and invalid UTF-8 get 400", "[e2e]") {
  Session s = SignupNewOrganization();
  const auto& t = s.access_token;
  CheckError(Post("/v1/leads", "{\"name\":", t), 400, "MALFORMED_JSON");
  CheckError(Post("/v1/leads", "{\"name\":\"caf\xc3\"}", t), 400, "MALFORMED_JSON");
  CheckError(Post("/v1/leads", R"({"name":"Ada","score":"high"})", t), 400, "VALIDATION_ERROR");
  CheckError(Post("/v1/leads", R"({"name":"Ada","score":1e20})", t), 400, "VALIDATION_ERROR");
  CheckError(Post("/v1/leads", R"({"name":"Ada","org_id":")" + s.org_id + R"("})", t), 400, "VALIDATION_ERROR");
  CheckError(Post("/v1/leads", R"("just a string")", t), 400, "VALIDATION_ERROR");
  auto missing = Post("/v1/leads", R"({"email":"not-an-email"})", t);
  CheckError(missing, 400, "VALIDATION_ERROR");
  CHECK(missing.body.find(R"("field":"name")") != std::string::npos);
  CHECK(missing.body.find(R"("field":"email")") != std::string::npos);
  CheckError(Post("/v1/leads", R"({"name":"Robert'); DROP TABLE leads;--","source":"nowhere"})", t), 400,
             "VALIDATION_ERROR");
  // Hundreds of unknown custom fields, one with a 100 KB key: still a 400.
  std::string fields = R"({"name":"Ada","custom_fields":{")" + std::string(100'000, 'k') + R"(":1)";
  for (int i = 0; i < 300; ++i) fields += R"(,"unknown_)" + std::to_string(i) + R"(":1)";
  CheckError(Post("/v1/leads", fields + "}}", t), 400, "VALIDATION_ERROR");
  CheckError(Send({.method = "POST", .target = "/v1/leads", .body = "name=Ada", .token = t,
                   .content_type = "application/x-www-form-urlencoded"}),
             415, "UNSUPPORTED_MEDIA_TYPE");
}

TEST_CASE("bad ids, bad cursors and out-of-range limits get 400", "[e2e]") {
  Session s = SignupNewOrganization();
  const auto& t = s.access_token;
  CheckError(Get("/v1/leads/not-a-uuid", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads/%27%20OR%201=1--", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads?cursor=bogus", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads?limit=0", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads?limit=201", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads?limit=ten", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads?sort=password", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads?nonsense=1", t), 400, "VALIDATION_ERROR");
  CheckError(Get("/v1/leads/0190f1c2-3b4a-7def-8123-456789abcdef", t), 404, "NOT_FOUND");
}

TEST_CASE("a 2 MiB body gets 413 and the gateway keeps serving", "[e2e]") {
  Session s = SignupNewOrganization();
  const std::string huge = R"({"name":")" + std::string(2 * 1024 * 1024, 'a') + R"("})";
  CheckError(Post("/v1/leads", huge, s.access_token), 413, "PAYLOAD_TOO_LARGE");
  CHECK(Get("/v1/leads", s.access_token).status == 200);
}

TEST_CASE("unknown routes get 404, wrong methods 405, and request ids are echoed", "[e2e]") {
  CheckError(Get("/v1/nothing-here"), 404, "NOT_FOUND");
  CheckError(Send({.method = "PUT", .target = "/v1/leads"}), 405, "METHOD_NOT_ALLOWED");
  auto echoed = Send({.target = "/healthz", .headers = {{"X-Request-Id", "trace-me-123"}}});
  CHECK(echoed.status == 200);
  CHECK(echoed.headers["x-request-id"] == "trace-me-123");
  auto replaced = Send({.target = "/healthz", .headers = {{"X-Request-Id", "bad id with spaces"}}});
  CHECK(replaced.headers["x-request-id"] != "bad id with spaces");
}

TEST_CASE("readiness names every service, its database and the broker", "[e2e]") {
  auto ready = Get("/readyz");
  CHECK(ready.status == 200);
  for (const std::string name : sentra::kServices) {
    CHECK(ready.body.find("\"" + name + "\":{\"service\":\"up\",\"db\":\"up\",\"broker\":\"up\"}") !=
          std::string::npos);
  }
  auto metrics = Get("/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.body.find("sentra_gateway_requests_total") != std::string::npos);
}

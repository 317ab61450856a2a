// Where a request ends, and what the gateway does with bodies that cost too
// much to parse: through the real gateway, with raw bytes where a
// well-behaved client could not send them.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <future>

#include "stack.h"

using namespace sentra::e2e;

namespace {

// How many answers came back: each carries one X-Request-Id.
int Answers(const std::string& raw) {
  int n = 0;
  for (std::size_t at = raw.find("X-Request-Id: "); at != std::string::npos; at = raw.find("X-Request-Id: ", at + 1)) {
    ++n;
  }
  return n;
}

std::string StatusLine(const std::string& raw) { return raw.substr(0, raw.find("\r\n")); }

std::string Hex(std::size_t n) {
  char text[32];
  std::snprintf(text, sizeof text, "%zx", n);
  return text;
}

}  // namespace

TEST_CASE("a request whose end is in doubt is refused, and nothing after it is read as a request", "[e2e][edge]") {
  const std::string smuggled = "GET /v1/auth/me HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string login = R"({"email":"a@example.com","password":"pw"})";
  struct Case {
    const char* name;
    std::string bytes;
  };
  const std::vector<Case> cases = {
      {"chunked, then identity",
       "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + smuggled},
      {"an unknown coding with a length",
       "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: xchunked\r\n"
       "Content-Length: " + std::to_string(login.size()) + "\r\n\r\n" + login + smuggled},
      {"chunked with a length",
       "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
       "Content-Length: 5\r\n\r\n0\r\n\r\n" + smuggled},
      {"two codings headers",
       "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
       "0\r\n\r\n" + smuggled},
      {"no Host", "GET /healthz HTTP/1.1\r\n\r\n" + smuggled},
      {"two Hosts", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggled},
      {"a folded line", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n" + smuggled},
      {"a folded framing header",
       "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: identity\r\n"
       " chunked\r\n\r\n0\r\n\r\n" + smuggled},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string raw = SendRaw(c.bytes);
    INFO(raw);
    CHECK(StatusLine(raw) == "HTTP/1.1 400 Bad Request");
    CHECK(raw.find("\"BAD_REQUEST\"") != std::string::npos);
    CHECK(Answers(raw) == 1);
  }
  // Plain chunked bodies are fine.
  const std::string chunked = "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                              Hex(login.size()) + "\r\n" + login + "\r\n0\r\n\r\n";
  CHECK(StatusLine(SendRaw(chunked)) == "HTTP/1.1 401 Unauthorized");
  // HTTP/1.0 has no Host to require.
  CHECK(StatusLine(SendRaw("GET /healthz HTTP/1.0\r\n\r\n")) == "HTTP/1.1 200 OK");
  // Requests sent back to back on one connection are each answered.
  const std::string two = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n"
                          "Connection: close\r\n\r\n";
  const std::string both = SendRaw(two);
  INFO(both);
  CHECK(Answers(both) == 2);
  CHECK(both.find("HTTP/1.1 200 OK", 10) != std::string::npos);
}

TEST_CASE("a method a path does not take gets 405 with the methods it does", "[e2e][edge]") {
  auto res = Send({.method = "PUT", .target = "/v1/leads"});
  CHECK(res.status == 405);
  CHECK(res.headers["allow"].find("GET") != std::string::npos);
  CHECK(res.headers["allow"].find("POST") != std::string::npos);
  auto one = Send({.method = "POST", .target = "/v1/leads/0190f1c2-3b4a-7def-8123-456789abcdef"});
  CHECK(one.status == 405);
  CHECK(one.headers["allow"].find("PATCH") != std::string::npos);
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    auto ops = Send({.method = method, .target = "/healthz"});
    CHECK(ops.status == 405);
    CHECK(ops.headers["allow"] == "GET, HEAD");
  }
}

TEST_CASE("HEAD on a GET route answers the GET's status and headers without its body", "[e2e][edge]") {
  Session s = SignupNewOrganization();
  PostCreated("/v1/leads", R"({"name":"Head Count"})", s.access_token);
  const auto get = Send({.target = "/v1/leads", .headers = {{"Authorization", "Bearer " + s.access_token}}});
  REQUIRE(get.status == 200);
  const std::string raw = SendRaw("HEAD /v1/leads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.access_token +
                                  "\r\nConnection: close\r\n\r\n");
  INFO(raw);
  CHECK(StatusLine(raw) == "HTTP/1.1 200 OK");
  CHECK(raw.find("Content-Length: " + std::to_string(get.body.size()) + "\r\n") != std::string::npos);
  CHECK(raw.ends_with("\r\n\r\n"));  // the headers, and nothing after them
  // Still authenticated like the GET, and only where a GET is.
  CHECK(StatusLine(SendRaw("HEAD /v1/leads HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) ==
        "HTTP/1.1 401 Unauthorized");
  auto convert = Send({.method = "HEAD", .target = "/v1/leads/0190f1c2-3b4a-7def-8123-456789abcdef/convert"});
  CHECK(convert.status == 405);
  CHECK(convert.headers["allow"] == "POST");
}

TEST_CASE("the bearer scheme is read in any letter case", "[e2e][edge]") {
  Session s = SignupNewOrganization();
  for (const char* scheme : {"Bearer ", "bearer ", "BEARER "}) {
    INFO(scheme);
    CHECK(Send({.target = "/v1/leads", .headers = {{"Authorization", scheme + s.access_token}}}).status == 200);
  }
  CHECK(Send({.target = "/v1/leads", .headers = {{"Authorization", "Basic " + s.access_token}}}).status == 401);
}

TEST_CASE("deeply nested JSON is refused at once, and the gateway stays responsive meanwhile", "[e2e][edge]") {
  std::string body = R"({"refresh_token":)";
  body += std::string(24'000, '[') + std::string(24'000, ']') + "}";
  std::vector<std::future<Response>> attacks;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) {
    attacks.push_back(std::async(std::launch::async, [&] { return Post("/v1/auth/refresh", body); }));
  }
  CHECK(Get("/healthz").status == 200);
  for (auto& attack : attacks) {
    const Response res = attack.get();
    INFO(res.body);
    CHECK(res.status == 400);
    CHECK(res.Field("error.code") == "VALIDATION_ERROR");
  }
  // Unbounded, one such body held a thread for 36 s.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));

  // Single quotes, which protobuf's parser takes as strings, cannot hide
  // the brackets from the bound.
  const std::string hidden = "{a:'\"',b:" + std::string(24'000, '[') + std::string(24'000, ']') + ",c:'\"'}";
  const auto again = std::chrono::steady_clock::now();
  auto refused = Post("/v1/auth/login", hidden);
  CHECK(refused.status == 400);
  CHECK(refused.Field("error.code") == "MALFORMED_JSON");
  CHECK(std::chrono::steady_clock::now() - again < std::chrono::seconds(1));
}

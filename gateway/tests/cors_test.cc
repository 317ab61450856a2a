#include "src/cors.h"

#include <catch2/catch.hpp>

#include "src/gateway.h"

using namespace sentra::gateway;
namespace http = boost::beast::http;

TEST_CASE("CORS origins are read strictly", "[gateway][cors]") {
  CHECK(CorsPolicy::Parse("").ok());
  CHECK_FALSE(CorsPolicy::Parse("")->enabled());
  auto policy = CorsPolicy::Parse(" https://app.example.com , http://localhost:3000,*");
  REQUIRE(policy.ok());
  CHECK(policy->enabled());
  for (const char* bad : {"app.example.com", "https://app.example.com/", "https://App.example.com",
                          "ftp://x.example.com", "https://", "null"}) {
    INFO(bad);
    CHECK_FALSE(CorsPolicy::Parse(bad).ok());
  }
}

TEST_CASE("only listed origins get credentials", "[gateway][cors]") {
  const auto policy = *CorsPolicy::Parse("https://app.example.com");
  http::fields listed;
  policy.Decorate("https://app.example.com", listed);
  CHECK(listed[http::field::access_control_allow_origin] == "https://app.example.com");
  CHECK(listed[http::field::access_control_allow_credentials] == "true");
  CHECK(listed[http::field::vary] == "Origin");
  CHECK(listed[http::field::access_control_expose_headers].find("X-RateLimit-Remaining") != std::string::npos);

  http::fields other;
  policy.Decorate("https://evil.example.com", other);
  CHECK(other.count(http::field::access_control_allow_origin) == 0);
  CHECK(other.count(http::field::access_control_allow_credentials) == 0);
  CHECK(other[http::field::vary] == "Origin");
  CHECK_FALSE(policy.Admits("https://evil.example.com"));
  CHECK_FALSE(policy.Admits("https://app.example.com.evil.com"));
}

TEST_CASE("a wildcard lets any origin read, without credentials", "[gateway][cors]") {
  const auto policy = *CorsPolicy::Parse("*,https://app.example.com");
  http::fields any;
  policy.Decorate("https://elsewhere.example", any);
  CHECK(any[http::field::access_control_allow_origin] == "*");
  CHECK(any.count(http::field::access_control_allow_credentials) == 0);
  http::fields listed;
  policy.Decorate("https://app.example.com", listed);
  CHECK(listed[http::field::access_control_allow_credentials] == "true");
}

TEST_CASE("without configured origins no CORS header is sent", "[gateway][cors]") {
  const CorsPolicy policy;
  http::fields headers;
  policy.Decorate("https://app.example.com", headers);
  CHECK(headers.begin() == headers.end());
}

TEST_CASE("the client address is the peer unless a trusted proxy says otherwise", "[gateway]") {
  CHECK(ClientAddress("10.0.0.9", "1.2.3.4", false) == "10.0.0.9");
  CHECK(ClientAddress("10.0.0.9", "", true) == "10.0.0.9");
  // A client can prepend anything; only the proxy's own (last) entry counts.
  CHECK(ClientAddress("10.0.0.9", "6.6.6.6, 203.0.113.7", true) == "203.0.113.7");
  CHECK(ClientAddress("10.0.0.9", "203.0.113.7, not-an-ip", true) == "10.0.0.9");
  CHECK(ClientAddress("10.0.0.9", "2001:db8::1", true) == "2001:db8::1");
}

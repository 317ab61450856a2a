#include "sentra/config/env_reader.h"

#include <catch2/catch.hpp>
#include <map>

#include "sentra/config/env_file.h"

namespace {

using sentra::config::EnvReader;

sentra::config::Lookup FromMap(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("a present value is read and defaults fill the rest", "[config]") {
  EnvReader env(FromMap({{"DB_URL", "postgres://x"}, {"PORT", "8081"}, {"TIMEOUT", "250ms"}}));
  CHECK(env.String("DB_URL") == "postgres://x");
  CHECK(env.Port("PORT", 80) == 8081);
  CHECK(env.Duration("TIMEOUT", std::chrono::seconds(1)) == std::chrono::milliseconds(250));
  CHECK(env.Int("WORKERS", 4, 1, 64) == 4);
  CHECK(env.Bool("TLS", false) == false);
  CHECK(env.status().ok());
}

TEST_CASE("a missing required value names the variable", "[config]") {
  EnvReader env(FromMap({}));
  env.String("SENTRA_DB_URL");
  REQUIRE_FALSE(env.status().ok());
  CHECK(env.status().message() == "SENTRA_DB_URL: is required but not set");
}

TEST_CASE("an empty required value counts as missing", "[config]") {
  EnvReader env(FromMap({{"SENTRA_DB_URL", ""}}));
  env.String("SENTRA_DB_URL");
  CHECK_FALSE(env.status().ok());
}

TEST_CASE("a malformed value names the variable and shows what was given", "[config]") {
  EnvReader env(FromMap({{"SENTRA_PORT", "80a"}}));
  CHECK(env.Port("SENTRA_PORT", 8080) == 8080);
  CHECK(env.status().message() == "SENTRA_PORT: expected an integer in 1..65535, got '80a'");
}

TEST_CASE("out-of-range numbers, bad booleans and bad durations are rejected", "[config]") {
  CHECK_FALSE([] { EnvReader e(FromMap({{"P", "0"}})); e.Port("P", 1); return e.status().ok(); }());
  CHECK_FALSE([] { EnvReader e(FromMap({{"P", "70000"}})); e.Port("P", 1); return e.status().ok(); }());
  CHECK_FALSE([] { EnvReader e(FromMap({{"B", "maybe"}})); e.Bool("B", true); return e.status().ok(); }());
  CHECK_FALSE([] { EnvReader e(FromMap({{"D", "5 parsecs"}})); e.Duration("D", {}); return e.status().ok(); }());
  CHECK_FALSE([] { EnvReader e(FromMap({{"D", "-5s"}})); e.Duration("D", {}); return e.status().ok(); }());
  CHECK_FALSE([] { EnvReader e(FromMap({{"D", "99999999999999999h"}})); e.Duration("D", {}); return e.status().ok(); }());
}

TEST_CASE("durations accept each unit", "[config]") {
  EnvReader env(FromMap({{"A", "2m"}, {"B", "1h"}, {"C", "3s"}}));
  CHECK(env.Duration("A", {}) == std::chrono::minutes(2));
  CHECK(env.Duration("B", {}) == std::chrono::hours(1));
  CHECK(env.Duration("C", {}) == std::chrono::seconds(3));
  CHECK(env.status().ok());
}

TEST_CASE("the first problem is the one reported", "[config]") {
  EnvReader env(FromMap({{"A", "x"}}));
  env.Int("A", 0, 0, 10);
  env.String("B");
  CHECK(std::string(env.status().message()).starts_with("A:"));
}

TEST_CASE("the config file parses KEY=VALUE lines with comments and quotes", "[config]") {
  auto values = sentra::config::ParseEnvFile("# comment\n\nA=1\n B = two words \nC=\"quoted\"\n");
  REQUIRE(values.ok());
  CHECK(values->at("A") == "1");
  CHECK(values->at("B") == "two words");
  CHECK(values->at("C") == "quoted");
}

TEST_CASE("a config file line without '=' is reported with its number", "[config]") {
  auto values = sentra::config::ParseEnvFile("A=1\nnonsense\n");
  REQUIRE_FALSE(values.ok());
  CHECK(values.status().message() == "line 2: expected KEY=VALUE");
}

#include "src/json_limits.h"

#include <google/protobuf/message.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <string>

#include "src/fronted_services.h"
#include "src/transcoder.h"
#include "sentra/errors/errors.h"

using namespace sentra::gateway;

namespace {

std::string Nested(char open, char close, std::size_t depth, std::string_view inside = "") {
  return std::string(depth, open) + std::string(inside) + std::string(depth, close);
}

double ThreadCpuMilliseconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string FieldOf(const absl::Status& s) {
  const auto fields = sentra::errors::FieldErrors(s);
  return fields.empty() ? "" : fields.front().field;
}

}  // namespace

TEST_CASE("a body of arrays nested 3,000 deep is refused in under a millisecond of CPU", "[gateway]") {
  static const RouteTable table = *RouteTable::Build(FrontedServices());
  const RouteMatch match = table.Find("POST", "/v1/auth/refresh");
  REQUIRE(match.route);
  const std::string body = R"({"refresh_token":)" + Nested('[', ']', 3000) + "}";
  const double before = ThreadCpuMilliseconds();
  auto built = BuildRequest(match, "", body);
  const double spent = ThreadCpuMilliseconds() - before;
  REQUIRE_FALSE(built.ok());
  CHECK(sentra::errors::AppCode(built.status()) == "VALIDATION_ERROR");
  CHECK(FieldOf(built.status()) == "body");
  CHECK(spent < 1.0);
}

TEST_CASE("nesting is bounded for arrays and objects alike, and up to the bound is accepted", "[gateway]") {
  const JsonLimits limits{.max_depth = 4, .max_values = 1000};
  CHECK(CheckJsonLimits(Nested('[', ']', 4), limits).ok());
  CHECK_FALSE(CheckJsonLimits(Nested('[', ']', 5), limits).ok());
  CHECK(CheckJsonLimits(R"({"a":{"b":{"c":[1]}}})", limits).ok());
  CHECK_FALSE(CheckJsonLimits(R"({"a":{"b":{"c":[{}]}}})", limits).ok());
  // Siblings do not add up: depth is how far in, not how many.
  CHECK(CheckJsonLimits(R"({"a":[[1]],"b":[[2]],"c":{"d":[3]}})", limits).ok());
  // The default bound leaves room for any request this API takes.
  CHECK(CheckJsonLimits(R"({"a":)" + Nested('[', ']', 31) + "}").ok());
  CHECK_FALSE(CheckJsonLimits(Nested('[', ']', 33)).ok());
}

TEST_CASE("brackets and quotes inside strings do not count", "[gateway]") {
  const JsonLimits limits{.max_depth = 2, .max_values = 1000};
  CHECK(CheckJsonLimits(R"({"notes":"[[[[[[{{{{{{,,,,,"})", limits).ok());
  CHECK(CheckJsonLimits(R"({"notes":"a \"quoted [[[[ \\"})", limits).ok());
  // An escaped backslash ends before the quote, which then closes the string.
  CHECK_FALSE(CheckJsonLimits(R"({"notes":"\\",[[[1]]]})", limits).ok());
}

TEST_CASE("single-quoted strings, which would hide brackets from the scan, are refused", "[gateway]") {
  // A '"' would open a string for the scan but not for protobuf's parser.
  const std::string hidden = "{a:'\"',b:" + Nested('[', ']', 3000) + ",c:'\"'}";
  auto s = CheckJsonLimits(hidden);
  REQUIRE_FALSE(s.ok());
  CHECK(sentra::errors::AppCode(s) == "MALFORMED_JSON");
  static const RouteTable table = *RouteTable::Build(FrontedServices());
  auto built = BuildRequest(table.Find("POST", "/v1/auth/login"), "", hidden);
  REQUIRE_FALSE(built.ok());
  CHECK(sentra::errors::AppCode(built.status()) == "MALFORMED_JSON");
  // Inside a real string a single quote is text.
  CHECK(CheckJsonLimits(R"({"name":"O'Brien"})").ok());
}

TEST_CASE("a comma before a closing bracket is malformed, as JSON says", "[gateway]") {
  for (const char* body : {R"({"a":1,})", R"({"a":[1,2,]})", "{\"a\":1 ,\n }", R"([1,])"}) {
    INFO(body);
    const auto s = CheckJsonLimits(body);
    REQUIRE_FALSE(s.ok());
    CHECK(sentra::errors::AppCode(s) == "MALFORMED_JSON");
  }
  CHECK(CheckJsonLimits(R"({"a":"1,}","b":[1,2],"c":{}})").ok());  // commas and brackets in strings are text
  static const RouteTable table = *RouteTable::Build(FrontedServices());
  auto built = BuildRequest(table.Find("POST", "/v1/auth/login"), "", R"({"email":"a@b.example",})");
  REQUIRE_FALSE(built.ok());
  CHECK(sentra::errors::AppCode(built.status()) == "MALFORMED_JSON");
}

TEST_CASE("a body with too many values is refused before parsing", "[gateway]") {
  const JsonLimits limits{.max_depth = 32, .max_values = 10};
  // The array and its elements: exactly the bound passes, one more not.
  CHECK(CheckJsonLimits("[1,2,3,4,5,6,7,8,9]", limits).ok());
  CHECK_FALSE(CheckJsonLimits("[1,2,3,4,5,6,7,8,9,10]", limits).ok());
  CHECK(CheckJsonLimits("[[],[],[],[],[],[],[],[],[]]", limits).ok());
  CHECK_FALSE(CheckJsonLimits("[[],[],[],[],[],[],[],[],[],[]]", limits).ok());
  CHECK(CheckJsonLimits(R"({"a":1,"b":{"c":[true,null]},"d":"x"})", limits).ok());  // keys are not values
  std::string wide = "[";
  for (int i = 0; i < 200'000; ++i) wide += "0,";
  wide += "0]";
  auto s = CheckJsonLimits(wide);
  REQUIRE_FALSE(s.ok());
  CHECK(FieldOf(s) == "body");
}

TEST_CASE("what protobuf's parser would take but JSON is not is malformed", "[gateway]") {
  for (const std::string body :
       {R"({name:"unquoted key"})", R"({"a":1.})", R"({"a":.5})", R"({"a":01})", R"({"a":+1})", R"({"a":"\x41"})",
        R"({"a":"\a"})", R"({"a":"\u12"})", R"({"a":1} x)", R"({"a":1}{"b":2})", R"(/* note */ {"a":1})",
        R"({"a":1} // note)", R"({"a":NaN})", R"({"a":Infinity})", R"({"a":True})", "{\"a\":\"caf\xc3\"}",
        "{\"a\":\"tab\there\"}", R"({"a":1)", "", "   "}) {
    INFO(body);
    const auto s = CheckJsonLimits(body);
    REQUIRE_FALSE(s.ok());
    CHECK(sentra::errors::AppCode(s) == "MALFORMED_JSON");
  }
  for (const std::string body : {R"( {"a":-0.5e-3,"b":"\u00e9\n\"\\\/","c":[],"d":{}} )", "{}", "\n{\"a\":null}\n",
                                 R"({"big":1e400})", R"({"surrogates":"\ud83d\ude00"})"}) {
    INFO(body);
    CHECK(CheckJsonLimits(body).ok());
  }
}

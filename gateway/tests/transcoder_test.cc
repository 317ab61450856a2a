#include "src/transcoder.h"

#include "src/fronted_services.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "sentra/core/v1/leads.pb.h"
#include "sentra/core/v1/orders.pb.h"
#include "sentra/core/v1/tasks.pb.h"
#include <google/protobuf/struct.pb.h>
#include "sentra/errors/errors.h"

using namespace sentra::gateway;

namespace {

const RouteTable& Table() {
  static const RouteTable table = *RouteTable::Build(sentra::gateway::FrontedServices());
  return table;
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Build(std::string_view method, std::string_view path,
                                                                 std::string_view query, std::string_view body) {
  RouteMatch match = Table().Find(method, path);
  REQUIRE(match.route);
  return BuildRequest(match, query, body);
}

std::string Code(const absl::Status& s) { return sentra::errors::AppCode(s); }

}  // namespace

TEST_CASE("a JSON body with snake_case names becomes the request message", "[gateway]") {
  auto m = Build("POST", "/v1/leads", "", R"({"name":"Ada","email":"ada@example.com","score":7,"tags":["x"]})");
  REQUIRE(m.ok());
  auto& lead = static_cast<sentra::core::v1::CreateLeadRequest&>(**m);
  CHECK(lead.name() == "Ada");
  CHECK(lead.score() == 7);
  CHECK(lead.tags(0) == "x");
}

TEST_CASE("the path variable wins over an id in the body", "[gateway]") {
  auto m = Build("PATCH", "/v1/leads/from-path", "", R"({"id":"from-body","name":"x"})");
  REQUIRE(m.ok());
  CHECK(static_cast<sentra::core::v1::UpdateLeadRequest&>(**m).id() == "from-path");
}

TEST_CASE("bad bodies get MALFORMED_JSON or VALIDATION_ERROR", "[gateway]") {
  CHECK(Code(Build("POST", "/v1/leads", "", "{\"name\":").status()) == "MALFORMED_JSON");
  CHECK(Code(Build("POST", "/v1/leads", "", "not json").status()) == "MALFORMED_JSON");
  CHECK(Code(Build("POST", "/v1/leads", "", "{\"name\":\"\xff\"}").status()) == "MALFORMED_JSON");
  CHECK(Code(Build("POST", "/v1/leads", "", R"({"score":"many"})").status()) == "VALIDATION_ERROR");
  CHECK(Code(Build("POST", "/v1/leads", "", R"({"score":99999999999})").status()) == "VALIDATION_ERROR");
  CHECK(Code(Build("POST", "/v1/leads", "", R"({"name":{"nested":1}})").status()) == "VALIDATION_ERROR");
  CHECK(Code(Build("POST", "/v1/leads", "", R"({"org_id":"smuggled"})").status()) == "VALIDATION_ERROR");
  CHECK(Code(Build("POST", "/v1/leads", "", R"([1,2])").status()) == "VALIDATION_ERROR");
}

TEST_CASE("a request with body_fields learns which members its body had, and no caller sets them", "[gateway]") {
  auto emptied = Build("PATCH", "/v1/orders/x", "", R"({"lines":[],"version":2})");
  REQUIRE(emptied.ok());
  auto& patch = static_cast<sentra::core::v1::UpdateOrderRequest&>(**emptied);
  CHECK(patch.lines_size() == 0);
  std::vector<std::string> fields(patch.body_fields().begin(), patch.body_fields().end());
  std::sort(fields.begin(), fields.end());
  CHECK(fields == std::vector<std::string>{"lines", "version"});
  auto untouched = Build("PATCH", "/v1/orders/x", "", R"({"version":2})");
  REQUIRE(untouched.ok());
  CHECK(static_cast<sentra::core::v1::UpdateOrderRequest&>(**untouched).body_fields_size() == 1);
  const auto smuggled = Build("PATCH", "/v1/orders/x", "", R"({"body_fields":["lines"]})").status();
  CHECK(Code(smuggled) == "VALIDATION_ERROR");
  CHECK(sentra::errors::FieldErrors(smuggled).at(0).field == "body_fields");
  auto camel = Build("PATCH", "/v1/tasks/x", "", R"({"dueAt":null,"snoozed_until":null})");
  REQUIRE(camel.ok());
  const auto& task = static_cast<sentra::core::v1::UpdateTaskRequest&>(**camel);
  std::vector<std::string> named(task.body_fields().begin(), task.body_fields().end());
  std::sort(named.begin(), named.end());
  CHECK(named == std::vector<std::string>{"due_at", "snoozed_until"});
  // The parser takes the lowerCamel spelling of a name too.
  CHECK(Code(Build("PATCH", "/v1/orders/x", "", R"({"bodyFields":["lines"]})").status()) == "VALIDATION_ERROR");
}

TEST_CASE("query parameters fill list requests strictly", "[gateway]") {
  auto m = Build("GET", "/v1/leads", "limit=20&status=new&q=ada+lovelace", "");
  REQUIRE(m.ok());
  auto& list = static_cast<sentra::core::v1::ListLeadsRequest&>(**m);
  CHECK(list.limit() == 20);
  CHECK(list.q() == "ada lovelace");
  auto bad_limit = Build("GET", "/v1/leads", "limit=abc", "").status();
  CHECK(Code(bad_limit) == "VALIDATION_ERROR");
  CHECK(sentra::errors::FieldErrors(bad_limit).at(0).field == "limit");
  CHECK_FALSE(Build("GET", "/v1/leads", "limit=1&limit=2", "").ok());
  CHECK_FALSE(Build("GET", "/v1/leads", "org_id=x", "").ok());
  CHECK_FALSE(Build("GET", "/v1/leads", "q=%ff", "").ok());
  CHECK_FALSE(Build("GET", "/v1/leads", "q=%zz", "").ok());
  CHECK_FALSE(Build("GET", "/v1/leads/x", "", "{}").ok());
}

TEST_CASE("responses print snake_case names and omit an unset next_cursor", "[gateway]") {
  sentra::core::v1::ListLeadsResponse page;
  page.add_data()->set_owner_id("u1");
  const std::string last = ToJson(page);
  CHECK(last.find("\"owner_id\":\"u1\"") != std::string::npos);
  CHECK(last.find("next_cursor") == std::string::npos);
  page.set_next_cursor("abc");
  CHECK(ToJson(page).find("\"next_cursor\":\"abc\"") != std::string::npos);
}

TEST_CASE("If-Match fills the version, and must agree with the body's when both are given", "[gateway]") {
  RouteMatch match = Table().Find("PATCH", "/v1/leads/x");
  REQUIRE(match.route);
  auto quoted = BuildRequest(match, "", R"({"name":"a"})", "\"4\"");
  REQUIRE(quoted.ok());
  CHECK(static_cast<sentra::core::v1::UpdateLeadRequest&>(**quoted).version() == 4);
  auto both = BuildRequest(match, "", R"({"version":4})", "W/\"4\"");
  REQUIRE(both.ok());
  CHECK(static_cast<sentra::core::v1::UpdateLeadRequest&>(**both).version() == 4);
  auto differ = BuildRequest(match, "", R"({"version":2})", "4");
  REQUIRE_FALSE(differ.ok());
  CHECK(sentra::errors::FieldErrors(differ.status()) ==
        std::vector<sentra::errors::FieldError>{{"If-Match", "names another version than the body's version field"}});
  CHECK_FALSE(BuildRequest(match, "", "{}", "\"abc\"").ok());
  for (const char* below : {"0", "\"-1\"", "+3", "3 ", "99999999999"}) {
    auto refused = BuildRequest(match, "", "{}", below);
    REQUIRE_FALSE(refused.ok());
    CHECK(sentra::errors::FieldErrors(refused.status())[0].field == "If-Match");
  }
  RouteMatch get = Table().Find("GET", "/v1/leads/x");
  CHECK_FALSE(BuildRequest(get, "", "", "3").ok());
}

TEST_CASE("text with NUL or another control character is refused, naming the field", "[gateway]") {
  auto notes = Build("POST", "/v1/leads", "", R"({"name":"Ada","notes":"visible\u0000hidden"})");
  REQUIRE_FALSE(notes.ok());
  CHECK(Code(notes.status()) == "VALIDATION_ERROR");
  REQUIRE(sentra::errors::FieldErrors(notes.status()).size() == 1);
  CHECK(sentra::errors::FieldErrors(notes.status())[0].field == "notes");
  auto tag = Build("POST", "/v1/leads", "", R"({"name":"Ada","tags":["ok","bell\u0007"]})");
  REQUIRE_FALSE(tag.ok());
  CHECK(sentra::errors::FieldErrors(tag.status())[0].field == "tags");
  auto query = Build("GET", "/v1/leads", "q=%00", "");
  REQUIRE_FALSE(query.ok());
  CHECK(sentra::errors::FieldErrors(query.status())[0].field == "q");
  CHECK_FALSE(Build("GET", "/v1/leads", "q=a%7Fb", "").ok());
  // Tabs and line breaks are text.
  CHECK(Build("POST", "/v1/leads", "", R"({"name":"Ada","notes":"one\ttwo\r\nthree\n"})").ok());
  CHECK(Build("POST", "/v1/leads", "", R"({"name":"Zoë ☃"})").ok());
}

TEST_CASE("control characters are found inside objects by their member names", "[gateway]") {
  google::protobuf::Struct custom;
  (*custom.mutable_fields())["tier"].set_string_value("gold");
  CHECK_FALSE(FieldWithControlCharacter(custom));
  (*(*custom.mutable_fields())["address"].mutable_struct_value()->mutable_fields())["city"].set_string_value(
      std::string("Ber\0lin", 7));
  CHECK(FieldWithControlCharacter(custom) == "address.city");
  google::protobuf::Struct bad_key;
  (*bad_key.mutable_fields())[std::string("k\x01")].set_bool_value(true);
  CHECK(FieldWithControlCharacter(bad_key) == "body");
}

TEST_CASE("JSON the strict check passes but protobuf refuses is malformed, saying why", "[gateway]") {
  RouteMatch match = Table().Find("POST", "/v1/leads");
  for (const char* body : {R"({"name":"a","name":"b"})", R"({"name":"a","score":1e400})"}) {
    auto built = BuildRequest(match, "", body);
    REQUIRE_FALSE(built.ok());
    CHECK(sentra::errors::AppCode(built.status()) == "MALFORMED_JSON");
    INFO(built.status().message());
    CHECK(built.status().message().size() > std::string_view("malformed JSON: the body is not valid JSON: ").size());
  }
}

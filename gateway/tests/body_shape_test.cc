// CheckBodyShape on the API's own request types: each misfit named by the
// field as the API spells it, with a message in the API's words; what fits
// passes untouched, null included.
#include "src/body_shape.h"

#include <google/protobuf/util/json_util.h>

#include <catch2/catch.hpp>

#include "sentra/auth/v1/organization.pb.h"
#include "sentra/core/v1/contacts.pb.h"
#include "sentra/core/v1/leads.pb.h"
#include "sentra/core/v1/orders.pb.h"
#include "sentra/core/v1/tasks.pb.h"
#include "sentra/errors/errors.h"

using sentra::errors::FieldError;

namespace {

template <typename Request>
std::vector<FieldError> Problems(const std::string& json) {
  google::protobuf::Struct body;
  REQUIRE(google::protobuf::util::JsonStringToMessage(json, &body).ok());
  const auto status = sentra::gateway::CheckBodyShape(*Request::descriptor(), body);
  if (!status.ok()) CHECK(sentra::errors::AppCode(status) == "VALIDATION_ERROR");
  return sentra::errors::FieldErrors(status);
}

}  // namespace

TEST_CASE("bodies that fit their request pass, null as every field's default", "[gateway][body]") {
  using sentra::core::v1::CreateOrderRequest;
  CHECK(Problems<CreateOrderRequest>(R"({"client_id":"x","currency":"EUR","lines":[{"description":"d",
        "quantity":"2","unit_price":"9.50"}],"tags":["a"],"custom_fields":{"po":"17","n":3}})").empty());
  CHECK(Problems<CreateOrderRequest>(R"({"clientId":"x","lines":null,"custom_fields":null,"tags":[]})").empty());
  CHECK(Problems<sentra::core::v1::CreateLeadRequest>(R"({"name":"Ada","score":7})").empty());
  CHECK(Problems<sentra::core::v1::CreateLeadRequest>(R"({"score":"7"})").empty());  // proto3 JSON allows it
  CHECK(Problems<sentra::core::v1::CreateTaskRequest>(
            R"({"title":"t","due_at":"2026-03-01T09:30:00.250+01:00","related":{"type":"lead","id":"x"}})")
            .empty());
  CHECK(Problems<sentra::auth::v1::UpdateOwnOrganizationRequest>(R"({"name":"n","version":3})").empty());
}

TEST_CASE("a member that does not fit is named, however deep, with what it must be", "[gateway][body]") {
  using sentra::core::v1::CreateOrderRequest;
  CHECK(Problems<CreateOrderRequest>(R"({"client_id":5,"lines":{"description":"one"},"tags":"vip"})") ==
        std::vector<FieldError>{{"client_id", "must be a string"}, {"lines", "must be a list"},
                                {"tags", "must be a list"}});
  CHECK(Problems<CreateOrderRequest>(R"({"lines":[{"description":"a","unit_price":1},null,"x"]})") ==
        std::vector<FieldError>{{"lines[0].unit_price", "must be a string"},
                                {"lines[1]", "must not be null"},
                                {"lines[2]", "must be an object"}});
  CHECK(Problems<CreateOrderRequest>(R"({"custom_fields":["x"],"lines":[{"colour":"red"}]})") ==
        std::vector<FieldError>{{"custom_fields", "must be an object"},
                                {"lines[0].colour", "is not a field of this request"}});
  CHECK(Problems<sentra::auth::v1::UpdateOwnOrganizationRequest>(R"({"status":"suspended","id":"x"})") ==
        std::vector<FieldError>{{"id", "is not a field of this request"},
                                {"status", "is not a field of this request"}});
}

TEST_CASE("numbers are whole and in range where the field is an integer", "[gateway][body]") {
  using sentra::core::v1::CreateLeadRequest;
  for (const char* bad : {R"({"score":1.5})", R"({"score":"seven"})", R"({"score":true})", R"({"score":[7]})",
                          R"({"score":"1e400"})"}) {
    CAPTURE(bad);
    CHECK(Problems<CreateLeadRequest>(bad) == std::vector<FieldError>{{"score", "must be a whole number"}});
  }
  CHECK(Problems<CreateLeadRequest>(R"({"score":2147483648})") ==
        std::vector<FieldError>{{"score", "is out of range"}});
  CHECK(Problems<CreateLeadRequest>(R"({"score":-2147483648})").empty());
}

TEST_CASE("times are RFC 3339 strings, and real dates", "[gateway][body]") {
  using sentra::core::v1::CreateTaskRequest;
  for (const char* bad : {R"({"due_at":"tomorrow"})", R"({"due_at":"2026-02-30T00:00:00Z"})",
                          R"({"due_at":1767225600})", R"({"due_at":{"seconds":1}})", R"({"due_at":"2026-03-01"})",
                          R"({"due_at":"1-01-01T00:00:00+00:01"})", R"({"due_at":"01-1-1T0:0:0+23:59"})",
                          R"({"due_at":"9999-12-31T23:59:59-01:00\u0000Z"})", R"({"due_at":"2026-1-1T1:1:1Z"})"}) {
    CAPTURE(bad);
    CHECK(Problems<CreateTaskRequest>(bad) ==
          std::vector<FieldError>{{"due_at", "must be an RFC 3339 time such as 2026-03-01T09:30:00Z"}});
  }
  CHECK(Problems<CreateTaskRequest>(R"({"related":"lead"})") ==
        std::vector<FieldError>{{"related", "must be an object"}});
  // Outside the range once the offset applies: refused, not handed to
  // protobuf, which aborts on them.
  for (const char* edge : {R"({"due_at":"9999-12-31T23:59:59-01:00"})", R"({"due_at":"0001-01-01T00:00:00+01:00"})",
                           R"({"due_at":"9999-12-31T23:30:00-00:31"})", R"({"due_at":"0001-01-01T00:59:00+01:00"})"}) {
    CAPTURE(edge);
    CHECK(Problems<CreateTaskRequest>(edge) ==
          std::vector<FieldError>{{"due_at", "must be a time from 0001-01-01 to 9999-12-31 in UTC"}});
  }
  CHECK(Problems<CreateTaskRequest>(R"({"due_at":"9999-12-31T23:59:59Z","snoozed_until":"0001-01-01T00:00:00Z"})")
            .empty());
}

TEST_CASE("integers in strings are digits only, and one field is given once", "[gateway][body]") {
  using sentra::core::v1::CreateLeadRequest;
  for (const char* bad : {R"({"score":"1e3"})", R"({"score":"0x10"})", R"({"score":" 5"})", R"({"score":"5.0"})",
                          R"({"score":"-"})", R"({"score":""})"}) {
    CAPTURE(bad);
    CHECK(Problems<CreateLeadRequest>(bad) == std::vector<FieldError>{{"score", "must be a whole number"}});
  }
  CHECK(Problems<CreateLeadRequest>(R"({"score":"-5"})").empty());
  CHECK(Problems<sentra::core::v1::CreateTaskRequest>(R"({"due_at":"2026-03-01T09:30:00Z","dueAt":"2026-03-02T09:30:00Z"})") ==
        std::vector<FieldError>{{"due_at", "is given twice, in snake_case and in camelCase"}});
}

TEST_CASE("what the parser has always taken still passes: booleans as the strings true and false, nulls in JSON lists",
          "[gateway][body]") {
  using sentra::core::v1::CreateContactRequest;
  CHECK(Problems<CreateContactRequest>(R"({"name":"n","is_primary":"true"})").empty());
  CHECK(Problems<CreateContactRequest>(R"({"name":"n","is_primary":"false"})").empty());
  // The parser's other spellings: refused, not read as true or as a message.
  for (const char* bad : {R"({"is_primary":1})", R"({"is_primary":"1"})", R"({"is_primary":"yes"})",
                          R"({"is_primary":"t"})", R"({"is_primary":"TRUE"})", R"({"is_primary":""})",
                          R"({"is_primary":"maybe"})", R"({"is_primary":[true]})"}) {
    CAPTURE(bad);
    CHECK(Problems<CreateContactRequest>(bad) == std::vector<FieldError>{{"is_primary", "must be true or false"}});
  }
  CHECK(Problems<google::protobuf::ListValue>(R"({"values":[null,1,"x",{"a":null}]})").empty());
}

TEST_CASE("many problems are named in reading order, the same ones every time", "[gateway][body]") {
  std::string lines;
  for (int i = 0; i < 30; ++i) lines += std::string(i ? "," : "") + R"({"quantity":2})";
  const auto problems = Problems<sentra::core::v1::CreateOrderRequest>(R"({"lines":[)" + lines + "]}");
  REQUIRE(problems.size() == 20);
  CHECK(problems[0].field == "lines[0].quantity");
  CHECK(problems[2].field == "lines[2].quantity");
  CHECK(problems[10].field == "lines[10].quantity");
  CHECK(problems[19].field == "lines[19].quantity");
}

// The OpenAPI document the build embedded in the gateway names every route
// of the table the gateway serves, with its permission, its parameters and
// its success status, so the document cannot fall behind the routes.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <set>

#include "src/fronted_services.h"
#include "src/openapi_document.h"
#include "src/route_table.h"

namespace sentra::gateway {
namespace {

namespace json = boost::json;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool HasParameter(const json::object& operation, std::string_view in, std::string_view name) {
  if (!operation.contains("parameters")) return false;
  for (const auto& p : operation.at("parameters").as_array()) {
    if (p.at("in").as_string() == in && p.at("name").as_string() == name) return true;
  }
  return false;
}

TEST_CASE("the OpenAPI document names every route the gateway serves, with its permission and parameters",
          "[gateway][openapi]") {
  const json::value document = json::parse(kOpenApiDocument);
  CHECK(document.at("openapi").as_string() == "3.1.0");
  const json::object& paths = document.at("paths").as_object();
  auto table = RouteTable::Build(FrontedServices());
  REQUIRE(table.ok());
  std::set<std::string> operation_ids;
  for (const Route& route : table->routes()) {
    CAPTURE(route.grpc_method);
    REQUIRE(paths.contains(route.path.text()));
    const json::object& item = paths.at(route.path.text()).as_object();
    REQUIRE(item.contains(Lower(route.http_method)));
    const json::object& operation = item.at(Lower(route.http_method)).as_object();
    CHECK(operation.at("x-sentra-permission").as_string() == route.permission);
    CHECK(operation.at("responses").as_object().contains(std::to_string(route.success_status)));
    CHECK(operation_ids.insert(std::string(operation.at("operationId").as_string())).second);
    CHECK(HasParameter(operation, "header", "Idempotency-Key") == route.idempotency_key);
    for (const std::string& name : route.path.variables()) CHECK(HasParameter(operation, "path", name));
    CHECK(operation.contains("requestBody") == (route.body == "*"));
    CHECK((route.permission == "public") == operation.contains("security"));
  }
  // And nothing the gateway does not serve, beyond its operations routes.
  std::size_t operations = 0;
  for (const auto& [path, item] : paths) operations += item.as_object().size();
  CHECK(operations == table->routes().size() + 4);
}

TEST_CASE("the OpenAPI document describes what the gateway writes: lists, errors, money as text", "[gateway][openapi]") {
  const json::value document = json::parse(kOpenApiDocument);
  const json::object& schemas = document.at("components").at("schemas").as_object();
  const json::object& lead = schemas.at("sentra.core.v1.Lead").as_object();
  // Every scalar is printed, set or not; ids and times are text.
  const json::array& required = lead.at("required").as_array();
  CHECK(std::find(required.begin(), required.end(), json::value("name")) != required.end());
  CHECK(lead.at("properties").at("created_at").at("format").as_string() == "date-time");
  const json::object& page = schemas.at("sentra.core.v1.ListLeadsResponse").as_object();
  CHECK(page.at("properties").at("data").at("type").as_string() == "array");
  const json::object& error = schemas.at("Error").at("properties").at("error").as_object();
  CHECK(error.at("properties").at("code").at("enum").as_array().size() >= 10);
  const json::object& order_line = schemas.at("sentra.core.v1.OrderLine").as_object();
  CHECK(order_line.at("properties").at("unit_price").at("type").as_string() == "string");
  // A request's body refuses members it does not know, as the gateway does.
  CHECK(schemas.at("sentra.core.v1.CreateLeadRequest").at("additionalProperties").as_bool() == false);
}

}  // namespace
}  // namespace sentra::gateway

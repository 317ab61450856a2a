#include "src/route_table.h"

#include "src/fronted_services.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "sentra/services.h"

using namespace sentra::gateway;

namespace {
const std::vector<std::string> kAll = sentra::gateway::FrontedServices();
}

TEST_CASE("every RPC declares a route and a permission, so the table builds", "[gateway]") {
  auto table = RouteTable::Build(kAll);
  REQUIRE(table.ok());
  CHECK(table->routes().size() >= 11);
  for (const auto& route : table->routes()) {
    CAPTURE(route.grpc_method);
    CHECK_FALSE(route.permission.empty());
    CHECK_FALSE(route.backend.empty());
  }
}

TEST_CASE("requests find their route, bind ids, and tell 404 from 405", "[gateway]") {
  auto table = RouteTable::Build(kAll);
  REQUIRE(table.ok());
  auto get = table->Find("GET", "/v1/leads/x1");
  REQUIRE(get.route);
  CHECK(get.route->grpc_method == "/sentra.core.v1.LeadService/GetLead");
  CHECK(get.route->backend == "core");
  CHECK(get.path_vars.at(0).second == "x1");
  CHECK(table->Find("POST", "/v1/leads").route->success_status == 201);
  auto put = table->Find("PUT", "/v1/leads/x1");
  CHECK(put.route == nullptr);
  CHECK(put.path_known);
  auto none = table->Find("GET", "/v1/nothing");
  CHECK(none.route == nullptr);
  CHECK_FALSE(none.path_known);
  CHECK(table->Find("POST", "/v1/auth/signup").route->permission == "public");
}

TEST_CASE("the gateway fronts every API service that declares routes, found in the descriptor pool, and no other",
          "[gateway]") {
  const std::set<std::string> fronted(kAll.begin(), kAll.end());
  CHECK(fronted.size() == kAll.size());
  for (const char* service : {"sentra.auth.v1.AuthService", "sentra.auth.v1.AdminService", "sentra.core.v1.LeadService",
                              "sentra.core.v1.PortalService", "sentra.core.v1.TimelineService"}) {
    CHECK(fronted.contains(service));
  }
  // Service-to-service surfaces declare no routes and stay unreachable.
  for (const std::string& name : kAll) CHECK(name.find("Internal") == std::string::npos);
  CHECK(kAll.size() >= 19);
  // Every route leads to a service the gateway has an address for.
  auto table = RouteTable::Build(kAll);
  REQUIRE(table.ok());
  for (const auto& route : table->routes()) {
    CAPTURE(route.grpc_method);
    CHECK(std::find(sentra::kServices.begin(), sentra::kServices.end(), route.backend) != sentra::kServices.end());
  }
}

TEST_CASE("an unknown service is an error at start-up", "[gateway]") {
  CHECK_FALSE(RouteTable::Build({"sentra.nope.v1.Nothing"}).ok());
}

#include "src/client_rules.h"

#include <catch2/catch.hpp>

#include "sentra/errors/errors.h"

using namespace sentra::core;

TEST_CASE("a new client gets defaults and normalized fields", "[core][clients]") {
  sentra::core::v1::CreateClientRequest r;
  r.set_name("  Acme Ltd  ");
  r.set_email(" Billing@ACME.example ");
  r.set_brand_id("0193B0A4-5C1E-7F00-8000-000000000001");
  REQUIRE(NormalizeCreate(r).ok());
  CHECK(r.kind() == "company");
  CHECK(r.name() == "Acme Ltd");
  CHECK(r.email() == "billing@acme.example");
  CHECK(r.brand_id() == "0193b0a4-5c1e-7f00-8000-000000000001");
}

TEST_CASE("bad client fields are all named at once", "[core][clients]") {
  sentra::core::v1::CreateClientRequest r;
  r.set_kind("robot");
  r.set_email("not an address");
  r.set_owner_id("me");
  r.set_brand_id("x");
  const auto status = NormalizeCreate(r);
  REQUIRE_FALSE(status.ok());
  std::vector<std::string> fields;
  for (const auto& f : sentra::errors::FieldErrors(status)) fields.push_back(f.field);
  CHECK(fields == std::vector<std::string>{"kind", "name", "email", "owner_id", "brand_id"});
}

TEST_CASE("a client update checks only the fields present", "[core][clients]") {
  sentra::core::v1::UpdateClientRequest r;
  r.set_id("0193b0a4-5c1e-7f00-8000-000000000001");
  CHECK(NormalizeUpdate(r).ok());
  r.set_name("");
  CHECK_FALSE(NormalizeUpdate(r).ok());
  r.set_name("Fine");
  r.set_version(0);
  CHECK_FALSE(NormalizeUpdate(r).ok());
  r.clear_version();
  r.set_id("nope");
  CHECK_FALSE(NormalizeUpdate(r).ok());
}

TEST_CASE("client list filters are checked", "[core][clients]") {
  sentra::core::v1::ListClientsRequest r;
  CHECK(CheckListFilters(r).ok());
  r.set_kind("person");
  CHECK(CheckListFilters(r).ok());
  r.set_brand_id("x");
  CHECK_FALSE(CheckListFilters(r).ok());
}

// Tenancy and schema isolation, checked on the running stack's database, so
// a new table or service is covered without anyone writing a new test.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "sentra/db/connection.h"
#include "sentra/db/pg_error.h"
#include "stack.h"

using namespace sentra::e2e;

namespace {

const char* const kServices[] = {"auth", "core", "comms", "billing", "analytics"};
constexpr char kSchemas[] = "('auth', 'core', 'comms', 'billing', 'analytics')";

std::string ServicePassword(const std::string& service) {
  const char* state = std::getenv("SENTRA_TEST_STATE");
  REQUIRE(state != nullptr);
  std::ifstream in(std::string(state) + "/secrets/db_" + service);
  std::string password;
  std::getline(in, password);
  REQUIRE_FALSE(password.empty());
  return password;
}

std::string ServiceUrl(const std::string& service) {
  // Same server as the stack's admin URL, as the service's own role.
  const std::string admin = std::getenv("SENTRA_TEST_STACK_DB_URL");
  const auto at = admin.find('@');
  return "postgresql://sentra_" + service + ":" + ServicePassword(service) + admin.substr(at);
}

}  // namespace

TEST_CASE("every table with org_id has row-level security enabled, forced and a policy", "[e2e]") {
  const std::string tenant_tables = QueryStackDb(
      std::string("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped "
                  "WHERE c.relkind IN ('r', 'p') AND n.nspname IN ") + kSchemas);
  CHECK(std::stoi(tenant_tables) >= 8);  // not vacuously true
  const std::string unprotected = QueryStackDb(
      std::string("SELECT coalesce(string_agg(n.nspname || '.' || c.relname, ', '), '') FROM pg_class c "
                  "JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped "
                  "WHERE c.relkind IN ('r', 'p') AND n.nspname IN ") + kSchemas +
      " AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND "
      "EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))");
  CHECK(unprotected == "");
}

TEST_CASE("no service role is a superuser or bypasses row-level security", "[e2e]") {
  CHECK(QueryStackDb("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'sentra\\_%' AND (rolsuper OR rolbypassrls)") == "0");
}

TEST_CASE("each service's role can use its own schema and no other", "[e2e]") {
  static constexpr sentra::db::Query kOwn{"e2e.own", "SELECT count(*) FROM outbox"};
  for (const std::string service : kServices) {
    auto conn = sentra::db::Connection::Open(ServiceUrl(service));
    REQUIRE(conn.ok());
    CAPTURE(service);
    CHECK((*conn)->Execute(kOwn).ok());
    for (const std::string other : kServices) {
      if (other == service) continue;
      CAPTURE(other);
      auto denied = (*conn)->ExecuteScript("SELECT count(*) FROM " + other + ".outbox", "e2e.other");
      CHECK(sentra::db::SqlState(denied) == "42501");
    }
  }
}

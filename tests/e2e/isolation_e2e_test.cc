// Tenancy and schema isolation, checked on the running stack's database, so
// a new table or service is covered without anyone writing a new test.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "sentra/db/connection.h"
#include "sentra/db/pg_error.h"
#include "sentra/services.h"
#include "stack.h"

using namespace sentra::e2e;

namespace {

using sentra::kServices;
// "('auth', 'core', …)": every service's schema, for SQL.
const std::string kSchemas = [] {
  std::string list;
  for (const char* service : kServices) list += std::string(list.empty() ? "('" : ", '") + service + "'";
  return list + ")";
}();
constexpr char kTableNames[] = "coalesce(string_agg(n.nspname || '.' || c.relname, ', '), '')";

// `what` over the tables of the service schemas that have `column` (`c` the
// table, `n` its schema), narrowed by `condition` when one is given.
std::string QueryTablesWith(const std::string& column, const std::string& what, const std::string& condition = "") {
  return QueryStackDb("SELECT " + what +
                      " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = '" + column +
                      "' AND NOT a.attisdropped WHERE c.relkind IN ('r', 'p') AND n.nspname IN " + kSchemas +
                      (condition.empty() ? "" : " AND " + condition));
}

}  // namespace

TEST_CASE("every table with org_id has row-level security enabled, forced and a policy", "[e2e]") {
  CHECK(std::stoi(QueryTablesWith("org_id", "count(*)")) >= 8);  // not vacuously true
  const std::string unprotected = QueryTablesWith(
      "org_id", kTableNames,
      "NOT (c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))");
  CHECK(unprotected == "");
}

TEST_CASE("every table with brand_id has a restrictive brand policy and keeps its records' brands", "[e2e]") {
  CHECK(std::stoi(QueryTablesWith("brand_id", "count(*)")) >= 3);  // leads, clients, outbound e-mails
  const std::string unscoped = QueryTablesWith(
      "brand_id", kTableNames,
      "NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND NOT p.polpermissive "
      "AND p.polname = 'brand_scope')");
  CHECK(unscoped == "");
  const std::string unkept = QueryTablesWith(
      "brand_id", kTableNames,
      "NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'brand_kept')");
  CHECK(unkept == "");
}

TEST_CASE("every key of a tenant table leads with org_id", "[e2e]") {
  // PRODUCT.md §10: primary keys, unique constraints and foreign keys
  // between tenant tables lead with org_id. The one exception is a brand's
  // custom domain, unique across the platform because a Host header names it.
  const std::string tenant_table =
      std::string(" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ") + kSchemas +
      " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' "
      "AND NOT a.attisdropped)";
  // The name of column number `num` of table `rel`.
  const auto column = [](const std::string& rel, const std::string& num) {
    return "(SELECT attname FROM pg_attribute WHERE attrelid = " + rel + " AND attnum = " + num + ")";
  };
  const std::string unique_keys = " AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique";
  CHECK(std::stoi(QueryStackDb("SELECT count(*)" + tenant_table + unique_keys + ")")) >= 12);
  CHECK(QueryStackDb(
            "SELECT coalesce(string_agg(n.nspname || '.' || ic.relname, ', '), '') FROM pg_index i "
            "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indisunique AND n.nspname IN " +
            std::string(kSchemas) + " AND c.relkind IN ('r', 'p') AND ic.relname <> 'brands_domain_key' AND EXISTS "
            "(SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped) "
            "AND (i.indkey[0] = 0 OR " + column("c.oid", "i.indkey[0]") + " <> 'org_id')") == "");
  CHECK(QueryStackDb(
            "SELECT coalesce(string_agg(n.nspname || '.' || con.conname, ', '), '') FROM pg_constraint con "
            "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE con.contype = 'f' AND n.nspname IN " + std::string(kSchemas) +
            " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'org_id' "
            "AND NOT a.attisdropped) AND (" + column("con.conrelid", "con.conkey[1]") + " <> 'org_id' OR " +
            column("con.confrelid", "con.confkey[1]") + " <> 'org_id')") == "");
}

TEST_CASE("every service role's sessions have bounded waits", "[e2e]") {
  static constexpr sentra::db::Query kTimeouts{
      "e2e.timeouts",
      "SELECT current_setting('idle_in_transaction_session_timeout') || ' ' || "
      "current_setting('statement_timeout') || ' ' || current_setting('lock_timeout')"};
  for (const std::string service : kServices) {
    auto conn = sentra::db::Connection::Open(ServiceDbUrl(service));
    REQUIRE(conn.ok());
    CAPTURE(service);
    auto timeouts = (*conn)->Execute(kTimeouts);
    REQUIRE(timeouts.ok());
    CHECK(timeouts->String(0, 0) == "10s 30s 10s");
  }
}

TEST_CASE("no service role is a superuser or bypasses row-level security", "[e2e]") {
  CHECK(QueryStackDb("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'sentra\\_%' AND (rolsuper OR rolbypassrls)") == "0");
}

TEST_CASE("each service's role can use its own schema and no other", "[e2e]") {
  static constexpr sentra::db::Query kOwn{"e2e.own", "SELECT count(*) FROM outbox"};
  for (const std::string service : kServices) {
    auto conn = sentra::db::Connection::Open(ServiceDbUrl(service));
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

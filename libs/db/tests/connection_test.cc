#include "sentra/db/connection.h"

#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <map>

#include "sentra/testing/pg.h"

namespace {

std::map<std::string, std::string> Settings(sentra::db::Connection& conn) {
  std::map<std::string, std::string> settings;
  PQconninfoOption* options = PQconninfo(conn.raw());
  for (PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) {
    if (o->val != nullptr) settings[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return settings;
}

}  // namespace

TEST_CASE("every connection bounds its waits: connect timeout, TCP keepalives, unacknowledged writes", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  auto conn = sentra::db::Connection::Open(schema.url());
  REQUIRE(conn.ok());
  auto settings = Settings(**conn);
  CHECK(settings["connect_timeout"] == "5");
  CHECK(settings["keepalives"] == "1");
  CHECK(settings["keepalives_idle"] == "10");
  CHECK(settings["keepalives_interval"] == "5");
  CHECK(settings["keepalives_count"] == "3");
  CHECK(settings["tcp_user_timeout"] == "30000");
}

TEST_CASE("a setting named in the connection string wins over the built-in bound", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  const std::string url = schema.url() + " connect_timeout=2 keepalives_idle=30";
  auto conn = sentra::db::Connection::Open(url);
  REQUIRE(conn.ok());
  auto settings = Settings(**conn);
  CHECK(settings["connect_timeout"] == "2");
  CHECK(settings["keepalives_idle"] == "30");
  CHECK(settings["keepalives"] == "1");
}

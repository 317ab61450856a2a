#include "sentra/db/migrations.h"

#include <catch2/catch.hpp>

#include <thread>

#include "sentra/testing/pg.h"

using namespace sentra::db;

namespace {

constexpr Query kTables{"test.tables",
                        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                        "WHERE table_schema = current_schema()"};
constexpr Query kVersions{"test.versions",
                          "SELECT string_agg(component || version, ',' ORDER BY component, version) FROM schema_migrations"};

std::unique_ptr<Connection> Connect(const sentra::testing::ScratchSchema& schema) {
  auto conn = Connection::Open(schema.url());
  REQUIRE(conn.ok());
  return *std::move(conn);
}

const Migration kFirst{1, "create_a", "CREATE TABLE a (id int PRIMARY KEY);"};
const Migration kSecond{2, "create_b", "CREATE TABLE b (id int PRIMARY KEY); INSERT INTO b VALUES (1);"};

}  // namespace

TEST_CASE("migrations apply in version order, are recorded, and are never applied twice", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  auto conn = Connect(schema);
  const Migration listed_out_of_order[] = {kSecond, kFirst};
  auto applied = ApplyMigrations(*conn, schema.name(), "svc", listed_out_of_order);
  REQUIRE(applied.ok());
  CHECK(*applied == 2);
  CHECK(conn->Execute(kVersions)->Text(0, 0) == "svc1,svc2");
  auto again = ApplyMigrations(*conn, schema.name(), "svc", listed_out_of_order);
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

TEST_CASE("a failing migration leaves no trace and stops the ones after it", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  auto conn = Connect(schema);
  const Migration broken[] = {
      kFirst, {2, "half_done", "CREATE TABLE c (id int); SELECT no_such_function();"}, {3, "later", "CREATE TABLE d (id int);"}};
  auto applied = ApplyMigrations(*conn, schema.name(), "svc", broken);
  CHECK_FALSE(applied.ok());
  CHECK(std::string(applied.status().message()).find("svc migration 2 half_done") != std::string::npos);
  CHECK(conn->Execute(kVersions)->Text(0, 0) == "svc1");
  CHECK(conn->Execute(kTables)->Text(0, 0) == "a,schema_migrations");
}

TEST_CASE("editing a migration that was already applied is refused", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  auto conn = Connect(schema);
  const Migration original[] = {kFirst};
  REQUIRE(ApplyMigrations(*conn, schema.name(), "svc", original).ok());
  const Migration edited[] = {{1, "create_a", "CREATE TABLE a (id bigint PRIMARY KEY);"}};
  auto status = ApplyMigrations(*conn, schema.name(), "svc", edited).status();
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("two replicas migrating at once apply each migration once", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  const Migration all[] = {kFirst, kSecond};
  absl::StatusOr<int> r1, r2;
  auto c1 = Connect(schema);
  auto c2 = Connect(schema);
  std::thread t1([&] { r1 = ApplyMigrations(*c1, schema.name(), "svc", all); });
  std::thread t2([&] { r2 = ApplyMigrations(*c2, schema.name(), "svc", all); });
  t1.join();
  t2.join();
  REQUIRE(r1.ok());
  REQUIRE(r2.ok());
  CHECK(*r1 + *r2 == 2);
  CHECK(c1->Execute(kVersions)->Text(0, 0) == "svc1,svc2");
}

TEST_CASE("two migrations with one number are refused before anything runs", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  auto conn = Connect(schema);
  const Migration twins[] = {kFirst, {1, "other", "CREATE TABLE z (id int);"}};
  CHECK(ApplyMigrations(*conn, schema.name(), "svc", twins).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("components in one schema are numbered and recorded separately", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  auto conn = Connect(schema);
  const Migration bus[] = {{1, "outbox", "CREATE TABLE outbox_like (id int);"}};
  const Migration svc[] = {kFirst};
  REQUIRE(ApplyMigrations(*conn, schema.name(), "bus", bus).ok());
  REQUIRE(ApplyMigrations(*conn, schema.name(), "svc", svc).ok());
  CHECK(conn->Execute(kVersions)->Text(0, 0) == "bus1,svc1");
}

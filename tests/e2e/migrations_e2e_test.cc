// SENTRA_MIGRATIONS: a service that leaves its migrations to someone else (a
// Kubernetes Job) waits for them before it starts.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "gateway_process.h"
#include "sentra/testing/pg.h"
#include "sentra/testing/wait.h"
#include "stack.h"

using namespace sentra::e2e;
using sentra::testing::WaitFor;

namespace {

std::string ReadLog(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// auth against a schema of its own: it has no event subscriptions, so
// nothing of the stack's is consumed by it.
std::vector<std::string> AuthEnv(const sentra::testing::ScratchSchema& schema, const std::string& mode) {
  return {"SENTRA_GRPC_ADDR=127.0.0.1:" + std::to_string(FreePort()), "SENTRA_DB_URL=" + schema.url(),
          "SENTRA_AMQP_URL=" + Env("SENTRA_TEST_AMQP_URL"), "SENTRA_AUTH_SECRET=" + Env("SENTRA_TEST_AUTH_SECRET"),
          "SENTRA_CORE_ADDR=127.0.0.1:" + std::to_string(FreePort()), "SENTRA_MIGRATIONS=" + mode};
}

// Migrations recorded in the scratch schema (0 when it has no record yet).
long Migrated(sentra::testing::ScratchSchema& schema) {
  const sentra::db::Query count{
      "t.migrated", "SELECT CASE WHEN to_regclass($1 || '.schema_migrations') IS NULL THEN 0 ELSE -1 END"};
  auto has = schema.admin().Execute(count, schema.name());
  REQUIRE(has.ok());
  if (has->Int(0, 0) == 0) return 0;
  REQUIRE(schema.admin().ExecuteScript("SET search_path = " + schema.name(), "t.path").ok());
  const sentra::db::Query rows{"t.migrated_rows", "SELECT count(*) FROM schema_migrations"};
  auto n = schema.admin().Execute(rows);
  REQUIRE(n.ok());
  return n->Int(0, 0);
}

}  // namespace

TEST_CASE("a service told to await its migrations waits for a migration run, then starts", "[e2e]") {
  sentra::testing::ScratchSchema schema;
  const std::string log = Env("SENTRA_TEST_STATE") + "/auth-await-" + schema.name() + ".log";
  ChildProcess waiting(Env("SENTRA_TEST_AUTH_BIN"), AuthEnv(schema, "await"), log);
  REQUIRE(WaitFor([&] { return ReadLog(log).find("waiting for the migrations to be applied") != std::string::npos; },
                  std::chrono::seconds(20)));
  CHECK(Migrated(schema) == 0);

  ChildProcess migrator(Env("SENTRA_TEST_AUTH_BIN"), AuthEnv(schema, "only"),
                        Env("SENTRA_TEST_STATE") + "/auth-migrate-" + schema.name() + ".log");
  REQUIRE(migrator.ExitCode(std::chrono::seconds(60)) == 0);
  CHECK(Migrated(schema) > 0);

  CHECK(WaitFor([&] { return ReadLog(log).find("every migration is applied") != std::string::npos; },
                std::chrono::seconds(10)));
  CHECK(WaitFor([&] { return ReadLog(log).find("auth serving gRPC") != std::string::npos; },
                std::chrono::seconds(10)));
  CHECK(waiting.ExitCode(std::chrono::milliseconds(0)) == -1);  // still serving
}

TEST_CASE("an unknown SENTRA_MIGRATIONS value stops the service at start, naming the setting", "[e2e]") {
  sentra::testing::ScratchSchema schema;
  const std::string log = Env("SENTRA_TEST_STATE") + "/auth-bad-migrations-" + schema.name() + ".log";
  ChildProcess bad(Env("SENTRA_TEST_AUTH_BIN"), AuthEnv(schema, "sometimes"), log);
  CHECK(bad.ExitCode(std::chrono::seconds(20)) != 0);
  CHECK(ReadLog(log).find("SENTRA_MIGRATIONS") != std::string::npos);
}

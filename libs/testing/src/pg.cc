#include "sentra/testing/pg.h"

#include <libpq-fe.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "fmt/format.h"

namespace sentra::testing {

namespace {

[[noreturn]] void Abort(const std::string& why) {
  std::fprintf(stderr, "test setup: %s\n", why.c_str());
  std::abort();
}

std::map<std::string, std::string> ParseConnInfo(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) Abort(fmt::format("bad SENTRA_TEST_PG_ADMIN_URL: {}", error ? error : "?"));
  std::map<std::string, std::string> values;
  for (auto* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr) values[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return values;
}

std::string RandomHex(int bytes) {
  if (sodium_init() < 0) Abort("libsodium failed to initialize");
  std::string raw(static_cast<std::size_t>(bytes), '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace

std::string PgAdminUrl() {
  const char* url = std::getenv("SENTRA_TEST_PG_ADMIN_URL");
  if (url == nullptr || *url == '\0') {
    Abort("SENTRA_TEST_PG_ADMIN_URL is not set: run the tests through `deploy/sentra test`");
  }
  return url;
}

ScratchSchema::ScratchSchema() : name_("t_" + RandomHex(6)) {
  const std::string admin_url = PgAdminUrl();
  auto admin = db::Connection::Open(admin_url);
  if (!admin.ok()) Abort(std::string(admin.status().message()));
  admin_ = *std::move(admin);
  const std::string password = RandomHex(12);
  // Names and password are ours (random hex), never input.
  auto status = admin_->ExecuteScript(
      fmt::format("CREATE ROLE {0} LOGIN PASSWORD '{1}' NOSUPERUSER NOBYPASSRLS;"
                  "CREATE SCHEMA {0} AUTHORIZATION {0};"
                  "REVOKE ALL ON SCHEMA {0} FROM PUBLIC;",
                  name_, password),
      "test.create_scratch_schema");
  if (!status.ok()) Abort(std::string(status.message()));
  auto info = ParseConnInfo(admin_url);
  url_ = fmt::format("host={} port={} dbname={} user={} password={} options='-c search_path={}'",
                     info["host"], info["port"], info["dbname"], name_, password, name_);
}

ScratchSchema::~ScratchSchema() {
  (void)admin_->ExecuteScript(
      fmt::format("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{0}';"
                  "DROP SCHEMA IF EXISTS {0} CASCADE; DROP ROLE IF EXISTS {0};",
                  name_),
      "test.drop_scratch_schema");
}

}  // namespace sentra::testing

#include "stack.h"

#include <cctype>

#include "sentra/testing/wait.h"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "sentra/db/connection.h"
#include "sentra/ids/uuid.h"

namespace sentra::e2e {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) FAIL(std::string(name) + " is not set: run through `deploy/sentra test`");
  return value;
}

std::string UniqueSuffix() { return ids::NewUuidV7().substr(24); }

Session SignupNewOrganization() {
  Session s;
  const std::string suffix = UniqueSuffix();
  s.email = "owner-" + suffix + "@example.com";
  s.password = "correct horse battery " + suffix;
  auto res = Post("/v1/auth/signup", R"({"organization_name":"Org )" + suffix + R"(","name":"Owner )" + suffix +
                                         R"(","email":")" + s.email + R"(","password":")" + s.password + R"("})");
  INFO(res.body);
  REQUIRE(res.status == 201);
  s.access_token = res.Field("access_token");
  s.refresh_token = res.Field("refresh_token");
  s.org_id = res.Field("organization.id");
  s.user_id = res.Field("user.id");
  REQUIRE(!s.access_token.empty());
  return s;
}

void ExecStackDb(const std::string& sql) {
  auto conn = db::Connection::Open(Env("SENTRA_TEST_STACK_DB_URL"));
  REQUIRE(conn.ok());
  const absl::Status status = (*conn)->ExecuteScript(sql, "e2e.exec");
  INFO(status.message());
  REQUIRE(status.ok());
}

std::string TokenFromEmail(const std::string& email, const std::string& template_name) {
  std::string body;
  sentra::testing::WaitFor(
      [&] {
        body = QueryStackDb("SELECT body_text FROM comms.outbound_emails WHERE to_address = '" + email +
                            "' AND template = '" + template_name + "' ORDER BY created_at DESC LIMIT 1");
        return !body.empty();
      },
      std::chrono::seconds(20));
  const auto at = body.find("token=");
  if (at == std::string::npos) return "";
  const auto end = body.find_first_of(" \n", at);
  return body.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
}

Session Login(const std::string& email, const std::string& password) {
  auto res = Post("/v1/auth/login", R"({"email":")" + email + R"(","password":")" + password + R"("})");
  INFO(res.body);
  REQUIRE(res.status == 200);
  return Session{.access_token = res.Field("access_token"),
                 .refresh_token = res.Field("refresh_token"),
                 .org_id = res.Field("organization.id"),
                 .user_id = res.Field("user.id"),
                 .email = email,
                 .password = password};
}

std::string QueryStackDb(const std::string& sql) {
  auto conn = db::Connection::Open(Env("SENTRA_TEST_STACK_DB_URL"));
  REQUIRE(conn.ok());
  // Test-only SQL written by the tests themselves, read back through a
  // temporary table so that the simple protocol can run it.
  auto status = (*conn)->ExecuteScript("CREATE TEMP TABLE IF NOT EXISTS e2e_out (v text)", "e2e.temp");
  REQUIRE(status.ok());
  REQUIRE((*conn)->ExecuteScript("TRUNCATE e2e_out; INSERT INTO e2e_out SELECT (" + sql + ")::text", "e2e.query").ok());
  static constexpr db::Query kRead{"e2e.read", "SELECT coalesce(v, '') FROM e2e_out"};
  auto rows = (*conn)->Execute(kRead);
  REQUIRE(rows.ok());
  return rows->rows() ? rows->String(0, 0) : "";
}

jwt::SigningKey AuthSigningKey() {
  REQUIRE(sodium_init() >= 0);
  auto master = jwt::Base64UrlDecode(Env("SENTRA_TEST_AUTH_SECRET"));
  REQUIRE((master && master->size() == 32));
  auto conn = db::Connection::Open(Env("SENTRA_TEST_STACK_DB_URL"));
  REQUIRE(conn.ok());
  static constexpr db::Query kKey{"e2e.key",
                                  "SELECT kid, public_key, sealed_secret FROM auth.signing_keys "
                                  "WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1"};
  auto row = (*conn)->Execute(kKey);
  REQUIRE(row.ok());
  REQUIRE(row->rows() == 1);
  jwt::SigningKey key;
  key.kid = row->String(0, 0);
  const std::string public_key = row->Bytes(0, 1);
  std::copy(public_key.begin(), public_key.end(), key.public_key.begin());
  const std::string sealed = row->Bytes(0, 2);
  const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
  REQUIRE(crypto_secretbox_open_easy(key.secret.data(), in + crypto_secretbox_NONCEBYTES,
                                     sealed.size() - crypto_secretbox_NONCEBYTES, in,
                                     reinterpret_cast<const unsigned char*>(master->data())) == 0);
  return key;
}

Session InviteAndAccept(const Session& owner, const std::string& email, const std::string& role,
                        const std::string& extra) {
  auto invited = Post("/v1/users",
                      R"({"email":")" + email + R"(","name":"Invited One","role":")" + role + R"(")" + extra + "}",
                      owner.access_token);
  INFO(invited.body);
  REQUIRE(invited.status == 201);
  CHECK(invited.Field("status") == "invited");
  const std::string token = TokenFromEmail(email, "invitation");
  REQUIRE_FALSE(token.empty());
  const std::string password = "a fresh password " + UniqueSuffix();
  auto accepted = Post("/v1/auth/invites/accept", R"({"token":")" + token + R"(","password":")" + password + R"("})");
  INFO(accepted.body);
  REQUIRE(accepted.status == 200);
  CHECK(accepted.Field("organization.id") == owner.org_id);
  // The link works once.
  CHECK(Post("/v1/auth/invites/accept", R"({"token":")" + token + R"(","password":")" + password + R"("})").status ==
        400);
  return Session{.access_token = accepted.Field("access_token"),
                 .refresh_token = accepted.Field("refresh_token"),
                 .org_id = owner.org_id,
                 .user_id = accepted.Field("user.id"),
                 .email = email,
                 .password = password};
}

std::string NewEmail(const char* who) { return std::string(who) + "-" + UniqueSuffix() + "@example.com"; }

std::string ServiceDbUrl(const std::string& service) {
  std::ifstream in(Env("SENTRA_TEST_STATE") + "/secrets/db_" + service);
  std::string password;
  std::getline(in, password);
  REQUIRE_FALSE(password.empty());
  // Same server as the stack's admin URL, as the service's own role.
  const std::string admin = Env("SENTRA_TEST_STACK_DB_URL");
  return "postgresql://sentra_" + service + ":" + password + admin.substr(admin.find('@'));
}

std::string PostCreated(const std::string& target, const std::string& body, const std::string& token,
                        const std::string& field) {
  auto res = Post(target, body, token);
  INFO(target << " " << res.body);
  REQUIRE(res.status == 201);
  return res.Field(field);
}

std::vector<std::string> ListAll(const std::string& target, const std::string& field, const std::string& token,
                                 int limit) {
  std::vector<std::string> values;
  const std::string first = target + (target.find('?') == std::string::npos ? "?" : "&") +
                            "limit=" + std::to_string(limit);
  std::string cursor;
  for (int pages = 0; pages < 1000; ++pages) {
    auto res = Get(first + (cursor.empty() ? "" : "&cursor=" + cursor), token);
    INFO(first << " " << res.body);
    REQUIRE(res.status == 200);
    const auto json = res.Json();
    for (const auto& item : json.fields().at("data").list_value().values()) {
      values.push_back(item.struct_value().fields().at(field).string_value());
    }
    if (!json.fields().contains("next_cursor")) return values;
    cursor = json.fields().at("next_cursor").string_value();
  }
  FAIL("a list that does not end: " << target);
  return values;
}

std::string Upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::optional<long> MetricSample(const std::string& metrics, const std::string& name) {
  const std::string line_start = "\n" + name + " ";
  const auto at = metrics.find(line_start);
  if (at == std::string::npos) return std::nullopt;
  return std::stol(metrics.substr(at + line_start.size()));
}

}  // namespace sentra::e2e

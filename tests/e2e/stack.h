// Helpers for end-to-end tests against the stack `deploy/sentra test` runs:
// new organizations, direct reads of the services' databases (as the
// superuser, to check effects behind the API), and token forging material.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "sentra/jwt/jwt.h"

namespace sentra::e2e {

// A variable the test harness sets (SENTRA_TEST_*); fails the test when unset.
std::string Env(const char* name);

struct Session {
  std::string access_token;
  std::string refresh_token;
  std::string org_id;
  std::string user_id;
  std::string email;
  std::string password;
};

// Signs up a new organization with a unique slug and e-mail; REQUIREs 201.
Session SignupNewOrganization();

// One value from the stack's database (superuser: bypasses RLS).
std::string QueryStackDb(const std::string& sql);

// The signing key auth uses, unsealed with the test run's master key: lets a
// test mint tokens the gateway must still refuse (expired ones).
jwt::SigningKey AuthSigningKey();

std::string UniqueSuffix();

// The stack's database as `service`'s own role (RLS applies), e.g. "core".
std::string ServiceDbUrl(const std::string& service);

// Runs statements on the stack's database as the superuser: for what only
// an operator can do (e.g. making a platform superadmin).
void ExecStackDb(const std::string& sql);

// The single-use secret in the newest e-mail comms queued to `email` with
// `template_name`, once it is there (waits up to 20 s; "" if it never comes).
std::string TokenFromEmail(const std::string& email, const std::string& template_name);

// Signs in with e-mail and password; REQUIREs 200.
Session Login(const std::string& email, const std::string& password);

// Invites `email` with `role` into the owner's organization and accepts
// through the e-mailed link (checking it works once); the new member's
// session. `extra`: more JSON members of the invitation, e.g.
// ,"brand_access":{"brand_ids":[…]} or ,"client_id":"…".
Session InviteAndAccept(const Session& owner, const std::string& email, const std::string& role,
                        const std::string& extra = "");

// POSTs `body` to `target`, REQUIREs 201, and returns `field` of the answer.
std::string PostCreated(const std::string& target, const std::string& body, const std::string& token,
                        const std::string& field = "id");

// Every item of a list, page after page of `limit` by its cursors from
// `target` (a path with or without a query): each item's string `field`.
std::vector<std::string> ListAll(const std::string& target, const std::string& field, const std::string& token,
                                 int limit);

// `text` in capitals: the same id or address in another spelling.
std::string Upper(std::string text);

// The value of a Prometheus sample (its own line, not its HELP or TYPE
// line) in a /metrics body; nullopt when absent.
std::optional<long> MetricSample(const std::string& metrics, const std::string& name);

// A unique address at example.com, starting with `who`.
std::string NewEmail(const char* who);

}  // namespace sentra::e2e

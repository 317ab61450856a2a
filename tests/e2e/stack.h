// Helpers for end-to-end tests against the stack `deploy/sentra test` runs:
// new organizations, direct reads of the services' databases (as the
// superuser, to check effects behind the API), and token forging material.
#pragma once

#include <string>

#include "http_client.h"
#include "sentra/jwt/jwt.h"

namespace sentra::e2e {

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

// Runs statements on the stack's database as the superuser: for what only
// an operator can do (e.g. making a platform superadmin).
void ExecStackDb(const std::string& sql);

// The single-use secret in the newest e-mail comms queued to `email` with
// `template_name`, once it is there (waits up to 20 s; "" if it never comes).
std::string TokenFromEmail(const std::string& email, const std::string& template_name);

// Signs in with e-mail and password; REQUIREs 200.
Session Login(const std::string& email, const std::string& password);

}  // namespace sentra::e2e

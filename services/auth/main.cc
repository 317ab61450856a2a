// auth: wiring only.
#include <grpcpp/create_channel.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "auth_migrations.h"
#include "src/admin_service.h"
#include "src/api_key_service.h"
#include "src/internal_service.h"
#include "src/auth_service.h"
#include "src/brand_service.h"
#include "src/client_references.h"
#include "src/organization_service.h"
#include "src/role_service.h"
#include "src/user_service.h"
#include "src/key_ring.h"
#include "src/passwords.h"
#include "src/refresh_rule.h"
#include "sentra/config/env_reader.h"
#include "sentra/jwt/jwt.h"
#include "sentra/service/host.h"

namespace {

// auth's own settings, read and checked together: a bad one stops the
// start with one line naming it.
struct AuthSettings {
  sentra::auth::MasterKey master;
  // How many password hashes run at once, and how many callers may wait.
  sentra::auth::HashLimits hashing;
  int invitations_per_day = 200;
  // How long a just-rotated refresh token is still taken (refresh_rule.h).
  std::chrono::milliseconds refresh_reuse_grace = sentra::auth::kDefaultRefreshReuseGrace;
  // Where core answers whether a client-portal member's client exists.
  std::string core_address;
};

AuthSettings ReadSettings() {
  auto lookup = sentra::config::ProcessEnvironment();
  sentra::config::ExitIfInvalid(lookup.status(), "auth");
  sentra::config::EnvReader env(*lookup);
  AuthSettings settings;
  const std::string secret = env.String("SENTRA_AUTH_SECRET");
  const auto cores = static_cast<std::int64_t>(std::max(1u, std::thread::hardware_concurrency()));
  settings.hashing.concurrency = static_cast<int>(env.Int("SENTRA_PASSWORD_HASHES", cores, 1, 256));
  settings.hashing.max_waiting =
      static_cast<int>(env.Int("SENTRA_PASSWORD_HASH_QUEUE", 8 * settings.hashing.concurrency, 0, 10000));
  settings.hashing.max_wait = env.Duration("SENTRA_PASSWORD_HASH_WAIT", std::chrono::seconds(2));
  settings.invitations_per_day = static_cast<int>(env.Int("SENTRA_INVITATIONS_PER_DAY", 200, 1, 100000));
  settings.core_address = env.String("SENTRA_CORE_ADDR");
  settings.refresh_reuse_grace = env.Duration("SENTRA_REFRESH_REUSE_GRACE", settings.refresh_reuse_grace);
  sentra::config::ExitIfInvalid(env.status(), "auth");
  if (settings.refresh_reuse_grace > std::chrono::minutes(1)) {
    sentra::config::ExitIfInvalid(
        absl::InvalidArgumentError("SENTRA_REFRESH_REUSE_GRACE: at most 1m (a longer grace lets a stolen token in)"),
        "auth");
  }
  auto bytes = sentra::jwt::Base64UrlDecode(secret);
  if (!bytes || bytes->size() != 32) {
    sentra::config::ExitIfInvalid(
        absl::InvalidArgumentError("SENTRA_AUTH_SECRET: expected 32 bytes in base64url (43 characters)"),
        "auth");
  }
  std::copy(bytes->begin(), bytes->end(), settings.master.begin());
  return settings;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  const AuthSettings settings = ReadSettings();
  sentra::auth::LimitPasswordHashing(settings.hashing);
  sentra::service::ServiceHost host("auth");
  host.Migrate(sentra::auth::Migrations());
  sentra::auth::KeyRing keys(settings.master);
  if (auto s = keys.Load(host.pool()); !s.ok()) {
    spdlog::critical("signing keys: {}", std::string(s.message()));
    return 1;
  }
  sentra::auth::AuthServiceImpl auth(host.pool(), host.outbox(), keys, settings.refresh_reuse_grace);
  const sentra::service::Storage storage{host.pool(), host.outbox()};
  const sentra::auth::CoreClients clients(
      grpc::CreateChannel(settings.core_address, grpc::InsecureChannelCredentials()));
  sentra::auth::UserServiceImpl users(storage, settings.invitations_per_day, clients);
  sentra::auth::RoleServiceImpl roles(storage);
  sentra::auth::BrandServiceImpl brands(storage);
  sentra::auth::ApiKeyServiceImpl api_keys(storage);
  sentra::auth::OrganizationServiceImpl organization(storage);
  sentra::auth::AdminServiceImpl admin(host.pool(), host.outbox());
  sentra::auth::AuthInternalServiceImpl internal(host.pool());
  for (grpc::Service* service : std::initializer_list<grpc::Service*>{&auth, &users, &roles, &brands, &api_keys,
                                                                      &organization, &admin, &internal}) {
    host.AddService(service);
  }
  return host.Run();
}

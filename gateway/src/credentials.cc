#include "credentials.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "sentra/errors/errors.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/text/comma_list.h"

namespace sentra::gateway {

namespace {

constexpr std::string_view kApiKeyMarker = "sk_live_";
constexpr std::size_t kMaxCachedKeys = 10'000;

service::CallContext FromClaims(const auth::v1::AccessClaims& claims) {
  return service::CallContext{.org_id = claims.org(),
                  .user_id = claims.sub(),
                  .role = claims.role(),
                  .permissions = text::JoinList(claims.perms()),
                  .brand_access = claims.brands(),
                  .client_id = claims.client()};
}

service::CallContext FromKey(const auth::v1::ApiKeyIdentity& key) {
  return service::CallContext{.org_id = key.org_id(),
                  .user_id = key.user_id(),
                  .role = "api_key",
                  .permissions = text::JoinList(key.permissions()),
                  .brand_access = key.brand_access(),
                  .api_key_id = key.api_key_id()};
}

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Credentials::Credentials(TokenVerifier& tokens, std::shared_ptr<grpc::Channel> auth_channel,
                         CredentialOptions options)
    : tokens_(tokens),
      auth_(auth::v1::AuthInternalService::NewStub(std::shared_ptr<grpc::ChannelInterface>(std::move(auth_channel)))),
      options_(options),
      resyncs_(options_.resync_every, [this] { Resync(); }) {}

Credentials::~Credentials() { resyncs_.Stop(); }

void Credentials::Start() { resyncs_.Start(); }

std::vector<std::string> Credentials::EventTypes() {
  return {"api_key.revoked", "user.deactivated", "organization.suspended", "organization.archived",
          "organization.reactivated"};
}

void Credentials::OnEvent(const events::v1::Envelope& event) {
  std::unique_lock lock(mutex_);
  if (event.type() == "api_key.revoked" || event.type() == "user.deactivated") ++revocations_;
  if (event.type() == "api_key.revoked") {
    events::v1::ApiKeyRevoked revoked;
    if (!event.payload().UnpackTo(&revoked)) return;
    std::erase_if(keys_, [&](const auto& entry) { return entry.second.identity.api_key_id == revoked.api_key_id(); });
  } else if (event.type() == "user.deactivated") {
    // Auth refuses the keys of a deactivated creator; forget them here so
    // the next use asks it instead of trusting the cache.
    events::v1::UserDeactivated deactivated;
    if (!event.payload().UnpackTo(&deactivated)) return;
    std::erase_if(keys_, [&](const auto& entry) {
      return entry.second.identity.org_id == event.org_id() && entry.second.identity.user_id == deactivated.user_id();
    });
  } else if (event.type() == "organization.reactivated") {
    suspended_.erase(event.org_id());
  } else if (event.type() == "organization.suspended" || event.type() == "organization.archived") {
    suspended_.insert(event.org_id());
  }
}

void Credentials::Resync() {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  auth::v1::ListSuspendedOrganizationsResponse response;
  grpc::Status status = auth_->ListSuspendedOrganizations(&context, {}, &response);
  if (!status.ok()) {
    spdlog::warn("suspended organizations: auth unreachable: {}", status.error_message());
    return;
  }
  std::set<std::string, std::less<>> suspended(response.org_ids().begin(), response.org_ids().end());
  std::unique_lock lock(mutex_);
  suspended_ = std::move(suspended);
}

absl::Status Credentials::Admit(const service::CallContext& identity) const {
  std::shared_lock lock(mutex_);
  if (suspended_.contains(identity.org_id)) {
    return errors::WithCode(absl::PermissionDeniedError("organization is suspended"), errors::kOrgSuspended);
  }
  return absl::OkStatus();
}

void Credentials::RememberKey(const std::string& key, const service::CallContext& identity, std::int64_t expires_at_unix,
                              std::uint64_t generation) {
  std::unique_lock lock(mutex_);
  if (generation != revocations_) return;
  if (keys_.size() >= kMaxCachedKeys) keys_.clear();
  keys_.insert_or_assign(key, CachedKey{identity, std::chrono::steady_clock::now(), expires_at_unix});
}

void Credentials::Resolve(std::string_view bearer, std::function<void(absl::StatusOr<service::CallContext>)> done) {
  if (!bearer.starts_with(kApiKeyMarker)) {
    auto claims = tokens_.Verify(bearer);
    if (!claims.ok()) return done(claims.status());
    service::CallContext identity = FromClaims(*claims);
    if (auto s = Admit(identity); !s.ok()) return done(s);
    return done(std::move(identity));
  }
  std::uint64_t generation = 0;
  {
    std::shared_lock lock(mutex_);
    generation = revocations_;
    auto hit = keys_.find(bearer);
    if (hit != keys_.end() && std::chrono::steady_clock::now() - hit->second.fetched < options_.api_key_ttl &&
        (hit->second.expires_at_unix == 0 || NowUnix() < hit->second.expires_at_unix)) {
      service::CallContext identity = hit->second.identity;
      lock.unlock();
      if (auto s = Admit(identity); !s.ok()) return done(s);
      return done(std::move(identity));
    }
  }
  struct Call {
    grpc::ClientContext context;
    auth::v1::VerifyApiKeyRequest request;
    auth::v1::ApiKeyIdentity response;
  };
  auto call = std::make_shared<Call>();
  call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  call->request.set_key(std::string(bearer));
  auth_->async()->VerifyApiKey(&call->context, &call->request, &call->response,
                               [this, call, generation, done = std::move(done)](grpc::Status status) {
                                 if (!status.ok()) return done(errors::FromGrpcStatus(status));
                                 service::CallContext identity = FromKey(call->response);
                                 RememberKey(call->request.key(), identity, call->response.expires_at_unix(),
                                             generation);
                                 if (auto s = Admit(identity); !s.ok()) return done(s);
                                 done(std::move(identity));
                               });
}

}  // namespace sentra::gateway

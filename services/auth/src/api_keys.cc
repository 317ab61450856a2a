#include "api_keys.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "scoped_token.h"
#include "roles.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/validation.h"

namespace sentra::auth {

namespace {

using errors::FieldError;
using google::protobuf::util::TimeUtil;

constexpr std::string_view kList = "api_keys";
constexpr char kManage[] = "api_keys:manage";

// Sorted, each once; problems named "permissions".
std::vector<std::string> CheckPermissions(const v1::CreateApiKeyRequest& request, std::vector<FieldError>& problems) {
  std::vector<std::string> permissions(request.permissions().begin(), request.permissions().end());
  std::sort(permissions.begin(), permissions.end());
  permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
  if (permissions.empty() || permissions.size() > 100) problems.push_back({"permissions", "must name 1-100 permissions"});
  for (const auto& p : permissions) {
    if (!IsGrantable(p)) {
      problems.push_back({"permissions", "'" + p.substr(0, 64) + "' is not a permission"});
      break;
    }
  }
  return permissions;
}

}  // namespace

absl::Status ApiKeyLogic::Create(const service::CallContext& call, const v1::CreateApiKeyRequest& request,
                                 v1::ApiKey* out) {
  if (!call.api_key_id.empty()) {
    // A leaked key must not be able to mint itself successors.
    return errors::WithCode(absl::PermissionDeniedError("API keys are created by signed-in members, not by keys"),
                            errors::kForbidden);
  }
  std::vector<FieldError> problems;
  ApiKeyToStore key{.created_by = call.user_id, .name = text::Trim(request.name())};
  if (!text::IsValidName(key.name, 100)) problems.push_back({"name", "is required (1-100 characters)"});
  key.permissions = CheckPermissions(request, problems);
  if (request.has_expires_at()) {
    if (request.expires_at() <= TimeUtil::GetCurrentTime()) {
      problems.push_back({"expires_at", "must be in the future"});
    } else {
      key.expires_at_micros = TimeUtil::TimestampToMicroseconds(request.expires_at());
    }
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  const std::string secret = NewApiKey(call.org_id);
  key.id = ids::NewUuidV7();
  key.prefix = ApiKeyPrefix(secret);
  key.secret_hash = HashToken(secret);
  return keys_.Write([&](ApiKeyQueries& keys, bus::EventSink&) -> absl::Status {
    auto caller = keys.CallerGrant(call, kManage);
    if (!caller.ok()) return caller.status();
    if (!IsSubset(key.permissions, caller->permissions)) {
      return errors::WithCode(absl::PermissionDeniedError("a key cannot hold permissions you do not have"),
                              errors::kForbidden);
    }
    auto stored = keys.Insert(key);
    if (!stored.ok()) return stored.status();
    *out = *std::move(stored);
    out->set_secret(secret);
    return absl::OkStatus();
  });
}

absl::Status ApiKeyLogic::List(const service::CallContext&, const v1::ListApiKeysRequest& request,
                               v1::ListApiKeysResponse* out) {
  auto page = service::ParseIdPage(kList, request);
  if (!page.ok()) return page.status();
  return keys_.Read([&](ApiKeyQueries& keys) -> absl::Status {
    out->Clear();
    auto found = keys.List(*page);
    if (!found.ok()) return found.status();
    for (auto& key : *found) *out->add_data() = std::move(key);
    service::FinishIdPage(*page, kList, out);
    return absl::OkStatus();
  });
}

absl::Status ApiKeyLogic::Revoke(const service::CallContext& call, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be an API key id");
  return keys_.Write([&](ApiKeyQueries& keys, bus::EventSink& events) -> absl::Status {
    // Held now, not only in the token: a demoted member keeps their token
    // for up to 15 minutes.
    if (auto caller = keys.CallerGrant(call, kManage); !caller.ok()) return caller.status();
    auto revoked = keys.Revoke(*canonical);
    if (!revoked.ok()) return revoked.status();
    if (*revoked == Revocation::kNoSuchKey) return errors::NotFound("API key");
    // Revoking twice answers as the first time did, and tells nobody again.
    if (*revoked == Revocation::kAlreadyRevoked) return absl::OkStatus();
    events::v1::ApiKeyRevoked event;
    event.set_api_key_id(*canonical);
    return events.Emit("api_key.revoked", "api_key", *canonical, event);
  });
}

}  // namespace sentra::auth

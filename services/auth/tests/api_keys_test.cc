// ApiKeyLogic on a fake store: names, permissions and expiry checked; a key
// holds at most what its creator holds now, is never made by a key, keeps
// only its secret's hash, and its revocation is an event.
#include "src/api_keys.h"

#include <google/protobuf/util/time_util.h>

#include <catch2/catch.hpp>

#include <map>

#include "fake_grants.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"
#include "src/scoped_token.h"

namespace sentra::auth {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kAdmin[] = "0190f1c2-3b4a-7def-8123-456789abcd01";

class FakeApiKeyQueries final : public ApiKeyQueries {
 public:
  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override {
    return members.Of(call, permission);
  }
  absl::StatusOr<std::vector<v1::ApiKey>> List(const service::IdPage& page) override {
    std::vector<v1::ApiKey> out;
    for (auto it = keys.upper_bound(page.after_id); it != keys.end(); ++it) {
      if (static_cast<int>(out.size()) == page.limit + 1) break;
      out.push_back(it->second);
    }
    return out;
  }
  absl::StatusOr<v1::ApiKey> Insert(const ApiKeyToStore& k) override {
    v1::ApiKey& key = keys[k.id];
    key.set_id(k.id);
    key.set_name(k.name);
    key.set_prefix(k.prefix);
    key.set_created_by(k.created_by);
    for (const auto& p : k.permissions) key.add_permissions(p);
    if (k.expires_at_micros != 0) *key.mutable_expires_at() = TimeUtil::MicrosecondsToTimestamp(k.expires_at_micros);
    hashes[k.id] = k.secret_hash;
    return key;
  }
  absl::StatusOr<Revocation> Revoke(std::string_view id) override {
    auto it = keys.find(std::string(id));
    if (it == keys.end()) return Revocation::kNoSuchKey;
    if (it->second.has_revoked_at()) return Revocation::kAlreadyRevoked;
    *it->second.mutable_revoked_at() = TimeUtil::SecondsToTimestamp(1);
    return Revocation::kRevoked;
  }

  testing::FakeGrants members;
  std::map<std::string, v1::ApiKey> keys;
  std::map<std::string, std::string> hashes;  // what is kept of each secret
};

using Repo = sentra::testing::FakeRepository<ApiKeyQueries, FakeApiKeyQueries>;

struct Fixture {
  Fixture() {
    repo.state.members.grants[kAdmin] =
        Grant{.role = "admin", .permissions = {"api_keys:manage", "leads:read", "leads:write"}};
  }

  v1::CreateApiKeyRequest Request(const std::string& name, std::vector<std::string> permissions) {
    v1::CreateApiKeyRequest request;
    request.set_name(name);
    for (auto& p : permissions) request.add_permissions(std::move(p));
    return request;
  }

  Repo repo;
  ApiKeyLogic keys{repo};
  service::CallContext call{.org_id = kOrg, .user_id = kAdmin};
};

}  // namespace

TEST_CASE("an API key's name, permissions and expiry are checked before anything is stored", "[auth][api_keys]") {
  Fixture f;
  v1::CreateApiKeyRequest bad = f.Request("  ", {});
  *bad.mutable_expires_at() = TimeUtil::SecondsToTimestamp(1000);
  v1::ApiKey out;
  CHECK(sentra::testing::ErrorFields(f.keys.Create(f.call, bad, &out)) == std::vector<std::string>{"name", "permissions", "expires_at"});
  CHECK(sentra::testing::ErrorFields(f.keys.Create(f.call, f.Request("ci", {"leads:read", "leads:fly"}), &out)) ==
        std::vector<std::string>{"permissions"});
  CHECK(f.repo.state.keys.empty());
}

TEST_CASE("an API key's secret is shown once and only its hash is kept", "[auth][api_keys]") {
  Fixture f;
  v1::ApiKey out;
  REQUIRE(f.keys.Create(f.call, f.Request(" ci ", {"leads:read", "leads:read"}), &out).ok());
  CHECK(out.name() == "ci");
  CHECK(std::vector<std::string>(out.permissions().begin(), out.permissions().end()) ==
        std::vector<std::string>{"leads:read"});
  CHECK(out.created_by() == kAdmin);
  const auto parsed = ParseApiKey(out.secret());
  REQUIRE(parsed);
  CHECK(parsed->org_id == kOrg);
  CHECK(out.prefix() == ApiKeyPrefix(out.secret()));
  CHECK(f.repo.state.hashes.at(out.id()) == HashToken(out.secret()));
  CHECK(f.repo.state.keys.at(out.id()).secret().empty());
  v1::ListApiKeysResponse list;
  REQUIRE(f.keys.List(f.call, {}, &list).ok());
  REQUIRE(list.data_size() == 1);
  CHECK(list.data(0).secret().empty());
}

TEST_CASE("an API key holds no more than its creator holds now, and no key makes another", "[auth][api_keys]") {
  Fixture f;
  v1::ApiKey out;
  CHECK(errors::AppCode(f.keys.Create(f.call, f.Request("ci", {"users:manage"}), &out)) == "FORBIDDEN");
  // Demoted since their token was issued: refused.
  f.repo.state.members.grants[kAdmin].permissions = {"leads:read"};
  CHECK(f.keys.Create(f.call, f.Request("ci", {"leads:read"}), &out).code() == absl::StatusCode::kPermissionDenied);
  f.repo.state.members.grants[kAdmin].permissions = {"api_keys:manage", "leads:read"};
  service::CallContext by_key = f.call;
  by_key.api_key_id = "0190f1c2-3b4a-7def-8123-456789abcd99";
  CHECK(errors::AppCode(f.keys.Create(by_key, f.Request("ci", {"leads:read"}), &out)) == "FORBIDDEN");
  CHECK(f.repo.state.keys.empty());
}

TEST_CASE("revoking an API key stamps it and tells the gateways, once", "[auth][api_keys]") {
  Fixture f;
  v1::ApiKey key;
  REQUIRE(f.keys.Create(f.call, f.Request("ci", {"leads:read"}), &key).ok());
  CHECK(sentra::testing::ErrorFields(f.keys.Revoke(f.call, "nope")) == std::vector<std::string>{"id"});
  CHECK(errors::AppCode(f.keys.Revoke(f.call, "0190f1c2-3b4a-7def-8123-456789abcd77")) == "NOT_FOUND");
  f.repo.state.members.grants[kAdmin].permissions = {"leads:read"};
  CHECK(f.keys.Revoke(f.call, key.id()).code() == absl::StatusCode::kPermissionDenied);
  f.repo.state.members.grants[kAdmin].permissions = {"api_keys:manage"};
  REQUIRE(f.keys.Revoke(f.call, key.id()).ok());
  CHECK(f.repo.state.keys.at(key.id()).has_revoked_at());
  REQUIRE(f.repo.events.size() == 1);
  CHECK(f.repo.events[0].type == "api_key.revoked");
  CHECK(f.repo.events[0].As<events::v1::ApiKeyRevoked>().api_key_id() == key.id());
  // Again: the same answer, no second event.
  REQUIRE(f.keys.Revoke(f.call, key.id()).ok());
  CHECK(f.repo.events.size() == 1);
}

}  // namespace sentra::auth

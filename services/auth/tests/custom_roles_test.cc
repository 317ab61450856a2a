// RoleLogic on a fake store: system roles fixed, custom roles drawn from
// the catalogue and never beyond what the caller holds now, and not
// deleted while members have them.
#include "src/custom_roles.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "fake_grants.h"
#include "sentra/errors/errors.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::auth {
namespace {

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kManager[] = "0190f1c2-3b4a-7def-8123-456789abcd01";

class FakeRoleQueries final : public RoleQueries {
 public:
  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override {
    return members.Of(call, permission);
  }
  absl::StatusOr<std::vector<v1::Role>> List() override {
    std::vector<v1::Role> out;
    for (const auto& [name, role] : roles) out.push_back(role);
    return out;
  }
  absl::StatusOr<std::optional<v1::Role>> Find(std::string_view name) override {
    auto it = roles.find(std::string(name));
    if (it == roles.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<std::optional<v1::Role>> Lock(std::string_view name) override { return Find(name); }
  absl::StatusOr<std::optional<v1::Role>> Insert(std::string_view, std::string_view name, std::string_view description,
                                                 const std::vector<std::string>& permissions) override {
    if (roles.contains(std::string(name))) return std::optional<v1::Role>();
    v1::Role& role = roles[std::string(name)];
    role.set_name(std::string(name));
    role.set_description(std::string(description));
    for (const auto& p : permissions) role.add_permissions(p);
    role.set_version(1);
    return role;
  }
  absl::StatusOr<v1::Role> Update(std::string_view name, const std::optional<std::string>& description,
                                  const std::vector<std::string>& permissions) override {
    v1::Role& role = roles.at(std::string(name));
    if (description) role.set_description(*description);
    if (!permissions.empty()) {
      role.clear_permissions();
      for (const auto& p : permissions) role.add_permissions(p);
    }
    role.set_version(role.version() + 1);
    return role;
  }
  absl::StatusOr<bool> InUse(std::string_view name) override { return in_use.contains(std::string(name)); }
  absl::StatusOr<int> LockAndCount() override { return static_cast<int>(roles.size()); }
  absl::Status Delete(std::string_view name) override {
    roles.erase(std::string(name));
    return absl::OkStatus();
  }

  testing::FakeGrants members;
  std::map<std::string, v1::Role> roles;
  std::set<std::string> in_use;
};

using Repo = sentra::testing::FakeRepository<RoleQueries, FakeRoleQueries>;

struct Fixture {
  Fixture() {
    repo.state.members.grants[kManager] =
        Grant{.role = "manager", .permissions = {"roles:manage", "leads:read", "leads:write", "deals:read"}};
  }
  Repo repo;
  RoleLogic roles{repo};
  service::CallContext call{.org_id = kOrg, .user_id = kManager};
};

}  // namespace

TEST_CASE("a custom role holds only catalogue permissions the caller holds now", "[auth][roles]") {
  Fixture f;
  v1::CreateRoleRequest create;
  create.set_name("lead-desk");
  create.add_permissions("leads:write");
  create.add_permissions("leads:read");
  create.add_permissions("leads:read");
  v1::Role out;
  REQUIRE(f.roles.Create(f.call, create, &out).ok());
  CHECK(std::vector<std::string>(out.permissions().begin(), out.permissions().end()) ==
        std::vector<std::string>{"leads:read", "leads:write"});
  CHECK(errors::AppCode(f.roles.Create(f.call, create, &out)) == "CONFLICT");
  v1::CreateRoleRequest wider;
  wider.set_name("billing-desk");
  wider.add_permissions("invoices:write");
  CHECK(errors::AppCode(f.roles.Create(f.call, wider, &out)) == "FORBIDDEN");
  v1::CreateRoleRequest made_up;
  made_up.set_name("odd");
  made_up.add_permissions("everything:all");
  CHECK(errors::AppCode(f.roles.Create(f.call, made_up, &out)) == "VALIDATION_ERROR");
  v1::CreateRoleRequest system;
  system.set_name("admin");
  system.add_permissions("leads:read");
  CHECK(errors::AppCode(f.roles.Create(f.call, system, &out)) == "VALIDATION_ERROR");

  // Widened or narrowed, only within what the caller holds.
  v1::UpdateRoleRequest widen;
  widen.set_name("lead-desk");
  widen.add_permissions("deals:write");
  CHECK(errors::AppCode(f.roles.Update(f.call, widen, &out)) == "FORBIDDEN");
  v1::UpdateRoleRequest narrow;
  narrow.set_name("lead-desk");
  narrow.add_permissions("leads:read");
  narrow.set_version(1);
  REQUIRE(f.roles.Update(f.call, narrow, &out).ok());
  CHECK(out.permissions_size() == 1);
  CHECK(errors::AppCode(f.roles.Update(f.call, narrow, &out)) == "VERSION_CONFLICT");
  v1::UpdateRoleRequest fixed;
  fixed.set_name("agent");
  CHECK(errors::AppCode(f.roles.Update(f.call, fixed, &out)) == "FORBIDDEN");
}

TEST_CASE("a role in use stays, the list has the system roles first", "[auth][roles]") {
  Fixture f;
  v1::CreateRoleRequest create;
  create.set_name("lead-desk");
  create.add_permissions("leads:read");
  v1::Role out;
  REQUIRE(f.roles.Create(f.call, create, &out).ok());
  f.repo.state.in_use.insert("lead-desk");
  CHECK(errors::AppCode(f.roles.Delete(f.call, "lead-desk")) == "CONFLICT");
  f.repo.state.in_use.clear();
  REQUIRE(f.roles.Delete(f.call, "lead-desk").ok());
  CHECK(errors::AppCode(f.roles.Get(f.call, "lead-desk", &out)) == "NOT_FOUND");
  REQUIRE(f.roles.Get(f.call, "viewer", &out).ok());
  CHECK(out.system());
  v1::ListRolesResponse list;
  REQUIRE(f.roles.List(f.call, &list).ok());
  CHECK(list.data(0).system());
}

}  // namespace sentra::auth

namespace sentra::auth {

TEST_CASE("an organization has at most 50 custom roles: the next is refused", "[auth][roles]") {
  Fixture f;
  v1::Role out;
  for (int i = 0; i < kMaxCustomRoles; ++i) {
    v1::CreateRoleRequest create;
    create.set_name("desk-" + std::to_string(i));
    create.add_permissions("leads:read");
    REQUIRE(f.roles.Create(f.call, create, &out).ok());
  }
  v1::CreateRoleRequest more;
  more.set_name("one-too-many");
  more.add_permissions("leads:read");
  const auto refused = f.roles.Create(f.call, more, &out);
  CHECK(errors::AppCode(refused) == "CONFLICT");
  CHECK(std::string(refused.message()).find("50 custom roles") != std::string::npos);
}

}  // namespace sentra::auth

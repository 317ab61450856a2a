// BrandLogic on a fake store: names, slugs, domains and senders checked;
// changes only by a caller who holds brands:manage now and has the brand;
// a deleted brand leaves the members limited to it.
#include "src/brands.h"

#include <catch2/catch.hpp>

#include <map>

#include "fake_grants.h"
#include "sentra/errors/errors.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::auth {
namespace {

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kAdmin[] = "0190f1c2-3b4a-7def-8123-456789abcd01";

class FakeBrandQueries final : public BrandQueries {
 public:
  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override {
    return members.Of(call, permission);
  }
  absl::StatusOr<std::vector<v1::Brand>> List(const service::IdPage& page) override {
    std::vector<v1::Brand> out;
    for (auto it = brands.upper_bound(page.after_id); it != brands.end(); ++it) {
      if (static_cast<int>(out.size()) == page.limit + 1) break;
      out.push_back(it->second);
    }
    return out;
  }
  absl::StatusOr<std::optional<v1::Brand>> Find(std::string_view id) override {
    auto it = brands.find(std::string(id));
    if (it == brands.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<v1::Brand> Insert(std::string_view id, const v1::CreateBrandRequest& v) override {
    for (const auto& [other, b] : brands) {
      if (b.slug() == v.slug()) return absl::AlreadyExistsError("brands_org_id_slug_key");
    }
    v1::Brand& b = brands[std::string(id)];
    b.set_id(std::string(id));
    b.set_name(v.name());
    b.set_slug(v.slug());
    b.set_domain(v.domain());
    b.set_sender_name(v.sender_name());
    b.set_sender_email(v.sender_email());
    b.set_version(1);
    return b;
  }
  absl::StatusOr<std::optional<v1::Brand>> Update(std::string_view id, const v1::UpdateBrandRequest& c) override {
    auto it = brands.find(std::string(id));
    if (it == brands.end() || (c.has_version() && c.version() != it->second.version())) return std::nullopt;
    v1::Brand& b = it->second;
    if (c.has_name()) b.set_name(c.name());
    if (c.has_slug()) b.set_slug(c.slug());
    if (c.has_domain()) b.set_domain(c.domain());
    if (c.has_sender_name()) b.set_sender_name(c.sender_name());
    if (c.has_sender_email()) b.set_sender_email(c.sender_email());
    b.set_version(b.version() + 1);
    return b;
  }
  absl::StatusOr<bool> Delete(std::string_view id) override {
    if (brands.erase(std::string(id)) == 0) return false;
    forgotten.push_back(std::string(id));
    return true;
  }
  absl::StatusOr<int> LockAndCount() override { return static_cast<int>(brands.size()); }

  testing::FakeGrants members;
  std::map<std::string, v1::Brand> brands;
  std::vector<std::string> forgotten;  // brands taken out of members' lists
};

using Repo = sentra::testing::FakeRepository<BrandQueries, FakeBrandQueries>;

struct Fixture {
  Fixture() { repo.state.members.grants[kAdmin] = Grant{.role = "admin", .permissions = {"brands:manage"}}; }

  v1::Brand Create(const std::string& name) {
    v1::CreateBrandRequest request;
    request.set_name(name);
    v1::Brand out;
    const auto status = brands.Create(call, request, &out);
    INFO(status.ToString());
    REQUIRE(status.ok());
    return out;
  }

  Repo repo;
  BrandLogic brands{repo};
  service::CallContext call{.org_id = kOrg, .user_id = kAdmin};
};

}  // namespace

TEST_CASE("a brand's name, slug, domain and sender are checked, its slug made from its name", "[auth][brands]") {
  Fixture f;
  const v1::Brand north = f.Create("North Studio");
  CHECK(north.slug() == "north-studio");
  v1::CreateBrandRequest bad;
  bad.set_slug("-x-");
  bad.set_domain("not a domain");
  bad.set_sender_email("nobody");
  v1::Brand out;
  CHECK(sentra::testing::ErrorFields(f.brands.Create(f.call, bad, &out)) ==
        std::vector<std::string>{"name", "slug", "domain", "sender_email"});
  v1::CreateBrandRequest again;
  again.set_name("North Studio");
  CHECK(errors::AppCode(f.brands.Create(f.call, again, &out)) == "CONFLICT");
  v1::UpdateBrandRequest change;
  change.set_id(north.id());
  change.set_domain("CRM.North.Example");
  change.set_sender_email("Hello@North.Example");
  REQUIRE(f.brands.Update(f.call, change, &out).ok());
  CHECK(out.domain() == "crm.north.example");
  CHECK(out.sender_email() == "hello@north.example");
  change.set_version(1);
  CHECK(errors::AppCode(f.brands.Update(f.call, change, &out)) == "VERSION_CONFLICT");
}

TEST_CASE("brands change only for a caller who holds brands:manage now and has the brand", "[auth][brands]") {
  Fixture f;
  const v1::Brand north = f.Create("North");
  const v1::Brand south = f.Create("South");
  // Limited to North: South is not there for them.
  f.repo.state.members.grants[kAdmin].brand_access = north.id();
  v1::UpdateBrandRequest rename;
  rename.set_id(south.id());
  rename.set_name("Mine now");
  v1::Brand out;
  CHECK(errors::AppCode(f.brands.Update(f.call, rename, &out)) == "NOT_FOUND");
  CHECK(errors::AppCode(f.brands.Delete(f.call, south.id())) == "NOT_FOUND");
  // Demoted since their token was issued: refused.
  f.repo.state.members.grants[kAdmin].permissions = {"brands:read"};
  CHECK(f.brands.Delete(f.call, north.id()).code() == absl::StatusCode::kPermissionDenied);
  f.repo.state.members.grants[kAdmin] = Grant{.role = "admin", .permissions = {"brands:manage"}};
  REQUIRE(f.brands.Delete(f.call, south.id()).ok());
  CHECK(f.repo.state.forgotten == std::vector<std::string>{south.id()});
  CHECK(errors::AppCode(f.brands.Get(f.call, south.id(), &out)) == "NOT_FOUND");
  v1::ListBrandsResponse list;
  REQUIRE(f.brands.List(f.call, {}, &list).ok());
  CHECK(list.data_size() == 1);
}

}  // namespace sentra::auth

namespace sentra::auth {

TEST_CASE("an organization has at most 100 brands: the next is refused, and one gone makes room", "[auth][brands]") {
  Fixture f;
  v1::Brand first;
  for (int i = 0; i < kMaxBrands; ++i) {
    const v1::Brand made = f.Create("Brand " + std::to_string(i));
    if (i == 0) first = made;
  }
  v1::CreateBrandRequest more;
  more.set_name("One too many");
  v1::Brand out;
  const auto refused = f.brands.Create(f.call, more, &out);
  CHECK(errors::AppCode(refused) == "CONFLICT");
  CHECK(std::string(refused.message()).find("100 brands") != std::string::npos);
  REQUIRE(f.brands.Delete(f.call, first.id()).ok());
  CHECK(f.brands.Create(f.call, more, &out).ok());
}

}  // namespace sentra::auth

// OwnOrganizationLogic on a fake store: names, slugs, currencies and zones
// checked; changed only by a caller who holds organization:manage now; a
// stale version refused; organization.updated emitted only for a real
// change, naming what changed.
#include "src/own_organization.h"

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "fake_grants.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::auth {
namespace {

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kAdmin[] = "0190f1c2-3b4a-7def-8123-456789abcd01";

class FakeOrganizationQueries final : public OrganizationQueries {
 public:
  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override {
    return members.Of(call, permission);
  }
  absl::StatusOr<std::optional<v1::Organization>> Find() override { return organization; }
  absl::StatusOr<std::optional<v1::Organization>> Lock() override { return organization; }
  absl::StatusOr<std::optional<std::string>> KnownTimezone(std::string_view name) override {
    for (const char* zone : {"UTC", "Europe/Berlin", "America/New_York"}) {
      if (absl::EqualsIgnoreCase(zone, absl::string_view(name.data(), name.size()))) return std::string(zone);
    }
    return std::nullopt;
  }
  absl::StatusOr<v1::Organization> Update(const v1::UpdateOwnOrganizationRequest& c) override {
    if (c.has_slug() && c.slug() == taken_slug) return absl::AlreadyExistsError("organizations_slug_key");
    v1::Organization& o = *organization;
    if (c.has_name()) o.set_name(c.name());
    if (c.has_slug()) o.set_slug(c.slug());
    if (c.has_default_currency()) o.set_default_currency(c.default_currency());
    if (c.has_timezone()) o.set_timezone(c.timezone());
    o.set_version(o.version() + 1);
    return o;
  }

  testing::FakeGrants members;
  std::optional<v1::Organization> organization;
  std::string taken_slug = "taken";
};

using Repo = sentra::testing::FakeRepository<OrganizationQueries, FakeOrganizationQueries>;

struct Fixture {
  Fixture() {
    repo.state.members.grants[kAdmin] = Grant{.role = "admin", .permissions = {"organization:manage"}};
    v1::Organization& org = repo.state.organization.emplace();
    org.set_id(kOrg);
    org.set_name("Acme");
    org.set_slug("acme");
    org.set_status("active");
    org.set_default_currency("USD");
    org.set_timezone("UTC");
    org.set_version(1);
  }

  Repo repo;
  OwnOrganizationLogic organization{repo};
  service::CallContext call{.org_id = kOrg, .user_id = kAdmin};
};

}  // namespace

TEST_CASE("an organization's name, slug, currency and zone are checked before anything is stored",
          "[auth][organization]") {
  Fixture f;
  v1::UpdateOwnOrganizationRequest bad;
  bad.set_name("   ");
  bad.set_slug("Not A Slug");
  bad.set_default_currency("usd");
  bad.set_timezone("Europe/Berlin; DROP");
  bad.set_version(0);
  v1::Organization out;
  CHECK(sentra::testing::ErrorFields(f.organization.Update(f.call, bad, &out)) ==
        std::vector<std::string>{"name", "slug", "default_currency", "timezone", "version"});
  v1::UpdateOwnOrganizationRequest unknown;
  unknown.set_default_currency("XAU");  // gold: no minor unit, not a money currency
  CHECK(sentra::testing::ErrorFields(f.organization.Update(f.call, unknown, &out)) == std::vector<std::string>{"default_currency"});
  unknown.Clear();
  unknown.set_timezone("Mars/Olympus_Mons");
  CHECK(sentra::testing::ErrorFields(f.organization.Update(f.call, unknown, &out)) == std::vector<std::string>{"timezone"});
  CHECK(f.repo.events.empty());
  CHECK(f.repo.state.organization->version() == 1);
}

TEST_CASE("a change is stored with a new version and told to the other services", "[auth][organization]") {
  Fixture f;
  v1::UpdateOwnOrganizationRequest change;
  change.set_name("  Acme Studio ");
  change.set_default_currency("EUR");
  change.set_timezone("europe/berlin");
  change.set_slug("acme");  // as it was: not a change
  change.set_version(1);
  v1::Organization out;
  REQUIRE(f.organization.Update(f.call, change, &out).ok());
  CHECK(out.name() == "Acme Studio");
  CHECK(out.default_currency() == "EUR");
  CHECK(out.timezone() == "Europe/Berlin");  // the database's spelling
  CHECK(out.version() == 2);
  REQUIRE(f.repo.events.size() == 1);
  const auto& event = f.repo.events[0];
  CHECK(event.type == "organization.updated");
  CHECK(event.aggregate_id == kOrg);
  const auto payload = event.As<events::v1::OrganizationUpdated>();
  CHECK(payload.default_currency() == "EUR");
  CHECK(payload.version() == 2);
  CHECK(std::vector<std::string>(payload.changed_fields().begin(), payload.changed_fields().end()) ==
        std::vector<std::string>{"name", "default_currency", "timezone"});

  SECTION("the same values again change nothing: no new version, no event") {
    change.clear_version();
    REQUIRE(f.organization.Update(f.call, change, &out).ok());
    CHECK(out.version() == 2);
    CHECK(f.repo.events.size() == 1);
  }
  SECTION("an edit made on version 1 is refused, whatever it changes") {
    v1::UpdateOwnOrganizationRequest stale;
    stale.set_name("Old view");
    stale.set_version(1);
    CHECK(errors::AppCode(f.organization.Update(f.call, stale, &out)) == "VERSION_CONFLICT");
    CHECK(f.repo.state.organization->name() == "Acme Studio");
  }
  SECTION("a slug another organization has is a conflict on slug") {
    v1::UpdateOwnOrganizationRequest taken;
    taken.set_slug("taken");
    const auto status = f.organization.Update(f.call, taken, &out);
    CHECK(errors::AppCode(status) == "CONFLICT");
    CHECK(sentra::testing::ErrorFields(status) == std::vector<std::string>{"slug"});
    CHECK(f.repo.events.size() == 1);
  }
}

TEST_CASE("only a member who holds organization:manage now changes the organization", "[auth][organization]") {
  Fixture f;
  f.repo.state.members.grants[kAdmin].permissions = {"organization:read"};  // demoted since the token
  v1::UpdateOwnOrganizationRequest change;
  change.set_name("Mine now");
  v1::Organization out;
  CHECK(f.organization.Update(f.call, change, &out).code() == absl::StatusCode::kPermissionDenied);
  CHECK(f.repo.state.organization->name() == "Acme");
  REQUIRE(f.organization.Get(f.call, &out).ok());
  CHECK(out.name() == "Acme");
  f.repo.state.organization.reset();
  CHECK(errors::AppCode(f.organization.Get(f.call, &out)) == "NOT_FOUND");
}

}  // namespace sentra::auth

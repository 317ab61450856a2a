// The rules of billing's settings row, on a fake: the currency an
// organization is created with (USD when it names none), updates applied by
// version, a broken event refused. The real upsert has its own test on
// PostgreSQL (billing_settings_test.cc).
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "sentra/events/v1/organization.pb.h"
#include "sentra/testing/fake_repository.h"
#include "src/billing_settings.h"

namespace sentra::billing {
namespace {

struct FakeSettings final : BillingSettingsQueries {
  absl::Status FollowOrganization(std::string_view new_currency, int organization_version) override {
    if (version >= organization_version) return absl::OkStatus();
    currency = std::string(new_currency);
    version = organization_version;
    return absl::OkStatus();
  }
  std::string currency;
  int version = 0;  // no row
};

using Settings = testing::FakeRepository<BillingSettingsQueries, FakeSettings>;

events::v1::Envelope Wrap(const std::string& type, const google::protobuf::Message& payload) {
  events::v1::Envelope event;
  event.set_type(type);
  event.set_org_id("org-1");
  event.mutable_payload()->PackFrom(payload);
  return event;
}

events::v1::Envelope Created(const std::string& currency) {
  events::v1::OrganizationCreated payload;
  payload.set_default_currency(currency);
  return Wrap("organization.created", payload);
}

events::v1::Envelope Updated(const std::string& currency, int version) {
  events::v1::OrganizationUpdated payload;
  payload.set_default_currency(currency);
  payload.set_version(version);
  return Wrap("organization.updated", payload);
}

template <typename Logic>
absl::Status Handle(Settings& settings, Logic logic, const events::v1::Envelope& event) {
  return settings.Write([&](BillingSettingsQueries& q, bus::EventSink& s) { return logic(q, s, event); });
}

TEST_CASE("an organization's billing starts in its currency at version 1, USD when it names none", "[billing]") {
  Settings named, unnamed;
  REQUIRE(Handle(named, CreateBillingSettings, Created("EUR")).ok());
  CHECK(named.state.currency == "EUR");
  CHECK(named.state.version == 1);
  REQUIRE(Handle(unnamed, CreateBillingSettings, Created("")).ok());
  CHECK(unnamed.state.currency == "USD");
  CHECK(named.events.empty());
}

TEST_CASE("updates apply by organization version, whatever order they come in", "[billing]") {
  Settings settings;
  REQUIRE(Handle(settings, FollowOrganizationUpdate, Updated("JPY", 3)).ok());
  REQUIRE(Handle(settings, FollowOrganizationUpdate, Updated("GBP", 2)).ok());
  REQUIRE(Handle(settings, CreateBillingSettings, Created("USD")).ok());
  CHECK(settings.state.currency == "JPY");
  CHECK(settings.state.version == 3);
}

TEST_CASE("an event without its payload, currency or version is refused and changes nothing", "[billing]") {
  Settings settings;
  REQUIRE(Handle(settings, CreateBillingSettings, Created("USD")).ok());
  events::v1::Envelope empty;
  empty.set_type("organization.updated");
  CHECK(Handle(settings, FollowOrganizationUpdate, empty).code() == absl::StatusCode::kInvalidArgument);
  CHECK(Handle(settings, FollowOrganizationUpdate, Updated("", 4)).code() == absl::StatusCode::kInvalidArgument);
  CHECK(Handle(settings, FollowOrganizationUpdate, Updated("EUR", 0)).code() == absl::StatusCode::kInvalidArgument);
  CHECK(settings.state.currency == "USD");
  CHECK(settings.rollbacks == 3);
}

}  // namespace
}  // namespace sentra::billing

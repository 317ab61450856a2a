// billing's settings row on the real PostgreSQL (PgBillingSettingsQueries): made by organization.created,
// its currency following organization.updated whatever order the events
// arrive in (a retried delivery comes after later ones), a redelivery
// changing nothing and the invoice numbering never touched.
#include "src/pg_billing_settings_queries.h"

#include <catch2/catch.hpp>
#include <span>

#include "sentra/db/migrations.h"
#include "sentra/db/pool.h"
#include "sentra/db/query.h"
#include "sentra/db/tenancy.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/testing/fake_repository.h"
#include "sentra/testing/pg.h"

namespace sentra::billing {
std::span<const db::Migration> Migrations();
}

namespace {

using sentra::events::v1::Envelope;

constexpr sentra::db::Query kSettings{"test.billing_settings",
                                      "SELECT currency, organization_version, next_invoice_number "
                                      "FROM billing_settings WHERE org_id = $1"};
constexpr sentra::db::Query kAdvanceNumbering{
    "test.advance_numbering", "UPDATE billing_settings SET next_invoice_number = 42 WHERE org_id = $1"};

struct Fixture {
  sentra::testing::ScratchSchema schema;
  sentra::db::Pool pool{{.url = schema.url(), .size = 2}};
  const std::string org = sentra::ids::NewUuidV7();

  Fixture() {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE(sentra::db::ApplyMigrations(**conn, schema.name(), "tenancy", sentra::db::TenancyMigrations()).ok());
    REQUIRE(sentra::db::ApplyMigrations(**conn, schema.name(), "billing", sentra::billing::Migrations()).ok());
  }

  Envelope Created() const {
    sentra::events::v1::OrganizationCreated payload;
    payload.set_org_id(org);
    payload.set_default_currency("USD");
    return Wrap("organization.created", payload);
  }
  Envelope Updated(const std::string& currency, int version) const {
    sentra::events::v1::OrganizationUpdated payload;
    payload.set_org_id(org);
    payload.set_default_currency(currency);
    payload.set_version(version);
    return Wrap("organization.updated", payload);
  }
  Envelope Wrap(const std::string& type, const google::protobuf::Message& payload) const {
    Envelope event;
    event.set_id(sentra::ids::NewUuidV7());
    event.set_type(type);
    event.set_org_id(org);
    event.mutable_payload()->PackFrom(payload);
    return event;
  }

  template <typename Logic>
  absl::Status Handle(Logic logic, const Envelope& event) {
    return sentra::db::InTransaction(pool, {.org_id = org}, [&](sentra::db::Transaction& tx) {
      sentra::billing::PgBillingSettingsQueries settings(tx);
      sentra::testing::RecordingSink events;
      return logic(settings, events, event);
    });
  }

  void Apply(const Envelope& event) {
    const auto handler = event.type() == "organization.created" ? sentra::billing::CreateBillingSettings
                                                                 : sentra::billing::FollowOrganizationUpdate;
    REQUIRE(Handle(handler, event).ok());
  }

  // currency/version/next number, or "" when there is no row.
  std::string Settings() {
    std::string out;
    REQUIRE(sentra::db::InTransaction(pool, {.org_id = org, .read_only = true}, [&](sentra::db::Transaction& tx) {
              auto r = tx.Execute(kSettings, org);
              if (!r.ok()) return r.status();
              if (r->rows() == 1) {
                out = r->String(0, 0) + "/" + std::to_string(r->Int(0, 1)) + "/" + std::to_string(r->Int(0, 2));
              }
              return absl::OkStatus();
            }).ok());
    return out;
  }
};

}  // namespace

TEST_CASE("billing's currency follows the organization, the newer version winning", "[pg][billing]") {
  Fixture f;
  f.Apply(f.Created());
  CHECK(f.Settings() == "USD/1/1");
  REQUIRE(sentra::db::InTransaction(f.pool, {.org_id = f.org}, [&](sentra::db::Transaction& tx) {
            return tx.Execute(kAdvanceNumbering, f.org).status();
          }).ok());
  f.Apply(f.Updated("EUR", 3));
  CHECK(f.Settings() == "EUR/3/42");
  f.Apply(f.Updated("GBP", 2));  // a retried delivery of an older change, late
  CHECK(f.Settings() == "EUR/3/42");
  f.Apply(f.Updated("EUR", 3));  // the same event again
  CHECK(f.Settings() == "EUR/3/42");
  f.Apply(f.Created());  // organization.created redelivered: not back to USD
  CHECK(f.Settings() == "EUR/3/42");
}

TEST_CASE("an update that arrives before the organization's creation makes the row, and creation then loses",
          "[pg][billing]") {
  Fixture f;
  f.Apply(f.Updated("JPY", 2));
  CHECK(f.Settings() == "JPY/2/1");
  f.Apply(f.Created());
  CHECK(f.Settings() == "JPY/2/1");
}

TEST_CASE("an update without its currency or version is refused, not applied", "[pg][billing]") {
  Fixture f;
  f.Apply(f.Created());
  const Envelope broken = f.Updated("", 4);
  CHECK_FALSE(f.Handle(sentra::billing::FollowOrganizationUpdate, broken).ok());
  CHECK(f.Settings() == "USD/1/1");
}

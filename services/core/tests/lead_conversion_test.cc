// LeadConversion on fakes: a lead becomes a client (and a deal) once.
#include "src/lead_conversion.h"

#include <catch2/catch.hpp>

#include "fake_client_queries.h"
#include "fake_deal_queries.h"
#include "fake_lead_queries.h"
#include "fake_references.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;

struct FakeConversionQueries final : ConversionQueries {
  LeadQueries& leads() override { return lead_rows; }
  ClientQueries& clients() override { return client_rows; }
  DealQueries& deals() override { return deal_rows; }
  testing::FakeLeadQueries lead_rows;
  testing::FakeClientQueries client_rows;
  testing::FakeDealQueries deal_rows;
};

using Repo = sentra::testing::FakeRepository<ConversionQueries, FakeConversionQueries>;

constexpr char kLead[] = "0190f1c2-3b4a-7def-8123-456789abd001";
constexpr char kPipeline[] = "0190f1c2-3b4a-7def-8123-4567890000a0";
constexpr char kFirstStage[] = "0190f1c2-3b4a-7def-8123-4567890000a1";

struct Fixture {
  Fixture() {
    v1::CreateLeadRequest lead;
    lead.set_name("Ada Lovelace");
    lead.set_company("Analytical Engines");
    lead.set_email("ada@engines.example");
    lead.set_status("qualified");
    lead.set_owner_id("0190f1c2-3b4a-7def-8123-456789abcd02");
    REQUIRE(repo.state.lead_rows.Insert(kLead, lead).ok());
    repo.state.deal_rows.default_pipeline = kPipeline;
    repo.state.deal_rows.stages = {{kFirstStage, kPipeline, "open"}};
  }

  std::vector<std::string> EventTypes() const {
    std::vector<std::string> types;
    for (const auto& e : repo.events) types.push_back(e.type);
    return types;
  }

  Repo repo;
  testing::AnyReferences references;
  LeadConversion conversion{repo, references};
  CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef",
                   .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01",
                   .permissions = "leads:write,clients:write,deals:write"};
};

v1::ConvertLeadRequest WithDeal() {
  v1::ConvertLeadRequest request;
  request.set_id(kLead);
  request.mutable_deal()->set_title("Engine No. 1");
  request.mutable_deal()->set_value("5000");
  request.mutable_deal()->set_currency("GBP");
  return request;
}

}  // namespace

TEST_CASE("a converted lead is a client of its company, with a deal, and is converted once", "[core][leads]") {
  Fixture f;
  v1::ConvertLeadResponse out;
  REQUIRE(f.conversion.Convert(f.call, WithDeal(), &out).ok());
  CHECK(out.client().kind() == "company");
  CHECK(out.client().name() == "Analytical Engines");
  CHECK(out.client().email() == "ada@engines.example");
  CHECK(out.client().owner_id() == "0190f1c2-3b4a-7def-8123-456789abcd02");
  CHECK(out.lead().status() == "converted");
  CHECK(out.lead().client_id() == out.client().id());
  REQUIRE(out.has_deal());
  CHECK(out.deal().client_id() == out.client().id());
  CHECK(out.deal().value() == "5000.00");
  CHECK(out.deal().stage_id() == kFirstStage);
  CHECK(f.EventTypes() == std::vector<std::string>{"client.created", "deal.created", "lead.converted"});
  CHECK(f.repo.events.back().As<events::v1::LeadChanged>().client_id() == out.client().id());

  v1::ConvertLeadResponse again;
  CHECK(errors::AppCode(f.conversion.Convert(f.call, WithDeal(), &again)) == "CONFLICT");
  CHECK(f.repo.state.client_rows.rows.size() == 1);
  CHECK(f.repo.events.size() == 3);
}

TEST_CASE("a lead without a company becomes a person, no deal unless asked", "[core][leads]") {
  Fixture f;
  v1::UpdateLeadRequest no_company;
  no_company.set_id(kLead);
  no_company.set_company("");
  REQUIRE(f.repo.state.lead_rows.Update(no_company).ok());
  v1::ConvertLeadRequest request;
  request.set_id(kLead);
  v1::ConvertLeadResponse out;
  REQUIRE(f.conversion.Convert(f.call, request, &out).ok());
  CHECK(out.client().kind() == "person");
  CHECK(out.client().name() == "Ada Lovelace");
  CHECK_FALSE(out.has_deal());
}

TEST_CASE("conversion needs the rights to what it creates, and a sound deal", "[core][leads]") {
  Fixture f;
  v1::ConvertLeadResponse out;
  f.call.permissions = "leads:write,clients:write";
  CHECK(errors::AppCode(f.conversion.Convert(f.call, WithDeal(), &out)) == "FORBIDDEN");
  f.call.permissions = "leads:write";
  v1::ConvertLeadRequest plain;
  plain.set_id(kLead);
  CHECK(errors::AppCode(f.conversion.Convert(f.call, plain, &out)) == "FORBIDDEN");

  f.call.permissions = "leads:write,clients:write,deals:write";
  auto bad = WithDeal();
  bad.mutable_deal()->set_currency("GBX");
  bad.mutable_deal()->set_title("");
  std::vector<std::string> fields;
  for (const auto& e : errors::FieldErrors(f.conversion.Convert(f.call, bad, &out))) fields.push_back(e.field);
  CHECK(fields == std::vector<std::string>{"deal.title", "deal.currency"});
  auto nowhere = WithDeal();
  nowhere.mutable_deal()->set_pipeline_id("0190f1c2-3b4a-7def-8123-4567890000ff");
  CHECK(errors::FieldErrors(f.conversion.Convert(f.call, nowhere, &out))[0].field == "deal.pipeline_id");
  // Nothing of the refused conversions stayed.
  CHECK(f.repo.state.client_rows.rows.empty());
  CHECK(f.repo.state.lead_rows.rows.at(kLead).status() == "qualified");
  CHECK(f.conversion.Convert(f.call, WithDeal(), &out).ok());
}

TEST_CASE("a converted lead's departed owner hands over to the converter, a deleted brand stops it", "[core][leads]") {
  // Knows the converter only, and no brand at all.
  class OnlyConverter final : public ReferenceChecker {
   public:
    absl::Status Check(const CallContext& call, std::string_view owner, std::string_view brand) const override {
      if (!owner.empty() && owner != call.user_id) return errors::Validation("owner_id", "is not a member");
      if (!brand.empty()) return errors::Validation("brand_id", "is not a brand");
      return absl::OkStatus();
    }
  };
  Repo repo;
  OnlyConverter references;
  LeadConversion conversion{repo, references};
  Fixture f;  // for its lead, copied in
  repo.state = f.repo.state;
  v1::ConvertLeadResponse out;
  REQUIRE(conversion.Convert(f.call, WithDeal(), &out).ok());
  CHECK(out.client().owner_id() == f.call.user_id);
  CHECK(out.deal().owner_id() == f.call.user_id);

  Fixture g;
  v1::UpdateLeadRequest branded;
  branded.set_id(kLead);
  branded.set_brand_id("0190f1c2-3b4a-7def-8123-456789abcb01");
  REQUIRE(g.repo.state.lead_rows.Update(branded).ok());
  Repo other;
  other.state = g.repo.state;
  LeadConversion refused{other, references};
  CHECK(errors::FieldErrors(refused.Convert(g.call, WithDeal(), &out))[0].field == "brand_id");
  CHECK(other.state.client_rows.rows.empty());
}

}  // namespace sentra::core

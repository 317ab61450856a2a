// LeadConversion on fakes: a lead becomes a client (and a deal) once.
#include "src/lead_conversion.h"

#include <catch2/catch.hpp>

#include <google/protobuf/util/json_util.h>

#include "fake_client_queries.h"
#include "fake_contact_queries.h"
#include "fake_deal_queries.h"
#include "fake_lead_queries.h"
#include "fake_note_queries.h"
#include "fake_references.h"
#include "fake_task_queries.h"
#include "sentra/events/v1/note.pb.h"
#include "sentra/events/v1/task.pb.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;

struct FakeConversionQueries final : ConversionQueries {
  LeadQueries& leads() override { return lead_rows; }
  ClientQueries& clients() override { return client_rows; }
  ContactQueries& contacts() override { return contact_rows; }
  DealQueries& deals() override { return deal_rows; }
  NoteQueries& notes() override { return note_rows; }
  TaskQueries& tasks() override { return task_rows; }
  testing::FakeLeadQueries lead_rows;
  testing::FakeClientQueries client_rows;
  testing::FakeContactQueries contact_rows;
  testing::FakeDealQueries deal_rows;
  testing::FakeNoteQueries note_rows;
  testing::FakeTaskQueries task_rows;
};

google::protobuf::Struct Json(const std::string& json) {
  google::protobuf::Struct s;
  REQUIRE(google::protobuf::util::JsonStringToMessage(json, &s).ok());
  return s;
}

v1::CustomField Defined(const std::string& entity, const std::string& key, const std::string& type,
                        std::vector<std::string> options = {}, bool required = false) {
  v1::CustomField f;
  f.set_entity(entity);
  f.set_key(key);
  f.set_label(key);
  f.set_type(type);
  for (auto& o : options) f.add_options(o);
  f.set_required(required);
  return f;
}

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
  CHECK(f.EventTypes() ==
        std::vector<std::string>{"client.created", "contact.created", "deal.created", "lead.converted"});
  CHECK(f.repo.events.back().As<events::v1::LeadChanged>().client_id() == out.client().id());

  v1::ConvertLeadResponse again;
  CHECK(errors::AppCode(f.conversion.Convert(f.call, WithDeal(), &again)) == "CONFLICT");
  CHECK(f.repo.state.client_rows.rows.size() == 1);
  CHECK(f.repo.events.size() == 4);
}

TEST_CASE("a lead of a company keeps its person as the client's primary contact", "[core][leads]") {
  Fixture f;
  v1::UpdateLeadRequest phone;
  phone.set_id(kLead);
  phone.set_phone("+44 20 7946 0000");
  REQUIRE(f.repo.state.lead_rows.Update(phone).ok());
  v1::ConvertLeadRequest request;
  request.set_id(kLead);
  v1::ConvertLeadResponse out;
  REQUIRE(f.conversion.Convert(f.call, request, &out).ok());
  REQUIRE(out.has_contact());
  CHECK(out.contact().client_id() == out.client().id());
  CHECK(out.contact().name() == "Ada Lovelace");
  CHECK(out.contact().email() == "ada@engines.example");
  CHECK(out.contact().phone() == "+44 20 7946 0000");
  CHECK(out.contact().is_primary());
  CHECK(f.repo.state.contact_rows.live.size() == 1);
}

TEST_CASE("a converted lead's tags, notes, tasks and the custom fields clients define too go to its client",
          "[core][leads]") {
  Fixture f;
  auto& state = f.repo.state;
  v1::UpdateLeadRequest tagged;
  tagged.set_id(kLead);
  tagged.add_tags("vip");
  tagged.add_tags("referral");
  tagged.add_body_fields("tags");
  *tagged.mutable_custom_fields() = Json(R"({"tier":"gold","budget":"high","lead_only":"x"})");
  REQUIRE(state.lead_rows.Update(tagged).ok());
  // Clients define tier as the leads do, budget as a number, and no lead_only.
  state.client_rows.definitions = {Defined("client", "tier", "select", {"silver", "gold"}),
                                   Defined("client", "budget", "number"), Defined("client", "region", "text")};
  // 250 notes and 3 tasks about the lead, one note and task about another.
  constexpr char kOtherLead[] = "0190f1c2-3b4a-7def-8123-456789abd0ff";
  for (int i = 0; i < 250; ++i) {
    char id[37];
    std::snprintf(id, sizeof id, "0190f1c2-3b4a-7def-8123-%012d", 1000 + i);
    REQUIRE(state.note_rows.Insert(id, "lead", kLead, "Note " + std::to_string(i), f.call.user_id).ok());
  }
  REQUIRE(state.note_rows.Insert("0190f1c2-3b4a-7def-8123-000000009999", "lead", kOtherLead, "Other", f.call.user_id)
              .ok());
  for (const char* id : {"0190f1c2-3b4a-7def-8123-00000000a001", "0190f1c2-3b4a-7def-8123-00000000a002",
                         "0190f1c2-3b4a-7def-8123-00000000a003", "0190f1c2-3b4a-7def-8123-00000000a0ff"}) {
    v1::Task task;
    task.set_title("Call back");
    task.mutable_related()->set_type("lead");
    task.mutable_related()->set_id(std::string(id).ends_with("ff") ? kOtherLead : kLead);
    REQUIRE(state.task_rows.Insert(id, task).ok());
  }

  v1::ConvertLeadRequest request;
  request.set_id(kLead);
  *request.mutable_client_custom_fields() = Json(R"({"region":"EMEA"})");
  v1::ConvertLeadResponse out;
  REQUIRE(f.conversion.Convert(f.call, request, &out).ok());
  const std::string client = out.client().id();
  CHECK(std::vector<std::string>(out.client().tags().begin(), out.client().tags().end()) ==
        std::vector<std::string>{"vip", "referral"});
  CHECK(out.client().custom_fields().fields().at("tier").string_value() == "gold");
  CHECK(out.client().custom_fields().fields().at("region").string_value() == "EMEA");
  CHECK_FALSE(out.client().custom_fields().fields().contains("budget"));  // a number there: stays behind
  CHECK_FALSE(out.client().custom_fields().fields().contains("lead_only"));

  int on_client = 0, left = 0;
  for (const auto& [id, note] : state.note_rows.live) {
    if (note.parent_type() == "client" && note.parent_id() == client) ++on_client;
    if (note.parent_type() == "lead") ++left;
  }
  CHECK(on_client == 250);
  CHECK(left == 1);  // the other lead's
  int tasks_on_client = 0;
  for (const auto& [id, task] : state.task_rows.tasks) tasks_on_client += task.related().id() == client ? 1 : 0;
  CHECK(tasks_on_client == 3);
  CHECK(state.task_rows.tasks.at("0190f1c2-3b4a-7def-8123-00000000a0ff").related().id() == kOtherLead);

  // One note.updated a note and one task.updated a task, naming what moved.
  int note_events = 0, task_events = 0;
  for (const auto& e : f.repo.events) {
    if (e.type == "note.updated") {
      const auto note = e.As<events::v1::NoteChanged>();
      CHECK(note.parent_id() == client);
      CHECK(std::vector<std::string>(note.changed_fields().begin(), note.changed_fields().end()) ==
            std::vector<std::string>{"parent_type", "parent_id"});
      ++note_events;
    }
    if (e.type == "task.updated") {
      CHECK(e.As<events::v1::TaskChanged>().related_id() == client);
      ++task_events;
    }
  }
  CHECK(note_events == 250);
  CHECK(task_events == 3);
  CHECK(f.EventTypes().back() == "lead.converted");
}

TEST_CASE("a conversion the contact's custom fields refuse leaves nothing behind, naming the field", "[core][leads]") {
  Fixture f;
  f.repo.state.contact_rows.definitions = {Defined("contact", "role", "text", {}, /*required=*/true)};
  v1::ConvertLeadRequest request;
  request.set_id(kLead);
  v1::ConvertLeadResponse out;
  const auto refused = f.conversion.Convert(f.call, request, &out);
  REQUIRE(errors::FieldErrors(refused).size() == 1);
  CHECK(errors::FieldErrors(refused)[0].field == "contact_custom_fields.role");
  CHECK(f.repo.state.client_rows.rows.empty());
  CHECK(f.repo.events.empty());
  *request.mutable_contact_custom_fields() = Json(R"({"role":"CEO"})");
  REQUIRE(f.conversion.Convert(f.call, request, &out).ok());
  CHECK(out.contact().custom_fields().fields().at("role").string_value() == "CEO");
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

// Every record type checks its custom_fields against its definitions on
// create and update, through its own logic class (orders: orders_test.cc).
#include <catch2/catch.hpp>

#include "fake_client_queries.h"
#include "fake_contact_queries.h"
#include "fake_deal_queries.h"
#include "fake_lead_queries.h"
#include "fake_references.h"
#include "sentra/errors/errors.h"
#include "sentra/testing/fake_repository.h"
#include "src/clients.h"
#include "src/contacts.h"
#include "src/deals.h"
#include "src/leads.h"

namespace sentra::core {
namespace {

using google::protobuf::Struct;
using service::CallContext;

constexpr char kClient[] = "0190f1c2-3b4a-7def-8123-456789abc001";

const CallContext kCall{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef",
                        .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01",
                        .brand_access = "*"};

// A required select, "tier": gold or silver.
std::vector<v1::CustomField> Tier(const std::string& entity) {
  v1::CustomField tier;
  tier.set_entity(entity);
  tier.set_key("tier");
  tier.set_type("select");
  tier.add_options("gold");
  tier.add_options("silver");
  tier.set_required(true);
  return {tier};
}

Struct TierIs(const char* value) {
  Struct s;
  if (value == nullptr) (*s.mutable_fields())["tier"].set_null_value({});
  else (*s.mutable_fields())["tier"].set_string_value(value);
  return s;
}

std::string Field(const absl::Status& status) {
  const auto fields = errors::FieldErrors(status);
  return fields.empty() ? status.ToString() : fields.front().field;
}

// Create without the field, with a wrong value, with a right one; then
// update it, and try to remove it.
template <typename Logic, typename Record, typename Create, typename Update>
void CheckRecordType(Logic& logic, Create create, Update update, const std::function<Struct(const Record&)>& stored) {
  Record out;
  create.clear_custom_fields();
  CHECK(Field(logic.Create(kCall, create, &out)) == "custom_fields.tier");
  *create.mutable_custom_fields() = TierIs("bronze");
  CHECK(Field(logic.Create(kCall, create, &out)) == "custom_fields.tier");
  *create.mutable_custom_fields() = TierIs("gold");
  REQUIRE(logic.Create(kCall, create, &out).ok());
  CHECK(stored(out).fields().at("tier").string_value() == "gold");
  update.set_id(out.id());
  *update.mutable_custom_fields() = TierIs("silver");
  REQUIRE(logic.Update(kCall, update, &out).ok());
  CHECK(stored(out).fields().at("tier").string_value() == "silver");
  *update.mutable_custom_fields() = TierIs(nullptr);
  CHECK(Field(logic.Update(kCall, update, &out)) == "custom_fields.tier");
}

}  // namespace

TEST_CASE("leads, clients, contacts and deals check their custom fields", "[core][custom_fields]") {
  testing::AnyReferences references;
  SECTION("leads") {
    sentra::testing::FakeRepository<LeadQueries, testing::FakeLeadQueries> repo;
    repo.state.definitions = Tier("lead");
    LeadLogic logic(repo, references);
    v1::CreateLeadRequest create;
    create.set_name("Ada");
    CheckRecordType<LeadLogic, v1::Lead>(logic, create, v1::UpdateLeadRequest(),
                                         [](const v1::Lead& l) { return l.custom_fields(); });
  }
  SECTION("clients") {
    sentra::testing::FakeRepository<ClientQueries, testing::FakeClientQueries> repo;
    repo.state.definitions = Tier("client");
    ClientLogic logic(repo, references);
    v1::CreateClientRequest create;
    create.set_name("Acme");
    CheckRecordType<ClientLogic, v1::Client>(logic, create, v1::UpdateClientRequest(),
                                             [](const v1::Client& c) { return c.custom_fields(); });
  }
  SECTION("contacts") {
    sentra::testing::FakeRepository<ContactQueries, testing::FakeContactQueries> repo;
    repo.state.clients = {kClient};
    repo.state.definitions = Tier("contact");
    ContactLogic logic(repo);
    v1::CreateContactRequest create;
    create.set_client_id(kClient);
    create.set_name("Grace");
    CheckRecordType<ContactLogic, v1::Contact>(logic, create, v1::UpdateContactRequest(),
                                               [](const v1::Contact& c) { return c.custom_fields(); });
  }
  SECTION("deals") {
    sentra::testing::FakeRepository<DealQueries, testing::FakeDealQueries> repo;
    repo.state.clients = {kClient};
    repo.state.default_pipeline = "0190f1c2-3b4a-7def-8123-4567890000a0";
    repo.state.stages = {{"0190f1c2-3b4a-7def-8123-4567890000a1", repo.state.default_pipeline, "open"}};
    repo.state.definitions = Tier("deal");
    DealLogic logic(repo, references);
    v1::CreateDealRequest create;
    create.set_title("Website");
    create.set_client_id(kClient);
    create.set_currency("EUR");
    CheckRecordType<DealLogic, v1::Deal>(logic, create, v1::UpdateDealRequest(),
                                         [](const v1::Deal& d) { return d.custom_fields(); });
  }
}

}  // namespace sentra::core

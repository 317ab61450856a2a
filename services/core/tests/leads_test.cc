// LeadLogic on fakes: the rules of leads without a database or a network.
#include "src/leads.h"

#include <catch2/catch.hpp>

#include "fake_lead_queries.h"
#include "fake_references.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<LeadQueries, testing::FakeLeadQueries>;

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kUser[] = "0190f1c2-3b4a-7def-8123-456789abcd01";
constexpr char kBrand[] = "0190f1c2-3b4a-7def-8123-456789abcb01";

struct Fixture {
  Repo repo;
  testing::AnyReferences references;
  LeadLogic leads{repo, references};
  CallContext call{.org_id = kOrg, .user_id = kUser, .brand_access = "*"};

  v1::Lead Create(const std::string& name) {
    v1::CreateLeadRequest request;
    request.set_name(name);
    v1::Lead out;
    REQUIRE(leads.Create(call, request, &out).ok());
    return out;
  }

  std::vector<std::string> ListAll(const std::string& sort, int limit) {
    v1::ListLeadsRequest request;
    request.set_sort(sort);
    request.set_limit(limit);
    std::vector<std::string> names;
    for (int pages = 0; pages < 20; ++pages) {
      v1::ListLeadsResponse page;
      REQUIRE(leads.List(call, request, &page).ok());
      REQUIRE(page.data_size() <= limit);
      for (const auto& lead : page.data()) names.push_back(lead.name());
      if (page.next_cursor().empty()) break;
      request.set_cursor(page.next_cursor());
    }
    return names;
  }
};

}  // namespace

TEST_CASE("a new lead gets its defaults, its creator as owner and lead.created", "[core][leads]") {
  Fixture f;
  const v1::Lead lead = f.Create("Ada");
  CHECK(lead.status() == "new");
  CHECK(lead.source() == "manual");
  CHECK(lead.owner_id() == kUser);
  REQUIRE(f.repo.events.size() == 1);
  CHECK(f.repo.events[0].type == "lead.created");
  CHECK(f.repo.events[0].As<events::v1::LeadChanged>().lead_id() == lead.id());
}

TEST_CASE("bad lead input is refused before anything is stored", "[core][leads]") {
  Fixture f;
  v1::CreateLeadRequest request;
  request.set_name("Ada");
  request.set_status("sleeping");
  v1::Lead out;
  CHECK(errors::AppCode(f.leads.Create(f.call, request, &out)) == "VALIDATION_ERROR");
  CHECK(f.repo.state.rows.empty());
  CHECK(f.repo.events.empty());
  CHECK(errors::FieldErrors(f.leads.Get(f.call, "not-an-id", &out))[0].field == "id");
}

TEST_CASE("lead pages follow every sort without gaps or repeats", "[core][leads]") {
  Fixture f;
  for (const char* name : {"Cleo", "Ada", "Eve", "Bob", "Dan"}) f.Create(name);
  CHECK(f.ListAll("created_at", 2) == std::vector<std::string>{"Cleo", "Ada", "Eve", "Bob", "Dan"});
  CHECK(f.ListAll("-created_at", 2) == std::vector<std::string>{"Dan", "Bob", "Eve", "Ada", "Cleo"});
  CHECK(f.ListAll("name", 2) == std::vector<std::string>{"Ada", "Bob", "Cleo", "Dan", "Eve"});
  CHECK(f.ListAll("-name", 3) == std::vector<std::string>{"Eve", "Dan", "Cleo", "Bob", "Ada"});

  // A cursor belongs to the order that issued it.
  v1::ListLeadsRequest request;
  request.set_sort("name");
  request.set_limit(2);
  v1::ListLeadsResponse page;
  REQUIRE(f.leads.List(f.call, request, &page).ok());
  request.set_sort("-name");
  request.set_cursor(page.next_cursor());
  CHECK(errors::AppCode(f.leads.List(f.call, request, &page)) == "VALIDATION_ERROR");
}

TEST_CASE("lead pages sorted by name follow the database's collation, not bytes", "[core][leads]") {
  Fixture f;
  for (const char* name : {"zebra", "apple", "Banana", "\u00c4pfel", "bob", "Apple"}) f.Create(name);
  // Letters first, then accents, then case: what people expect, and what
  // PostgreSQL's "und-x-icu" answers (bytes would put "Banana" first and
  // "Äpfel" last).
  const std::vector<std::string> expected = {"\u00c4pfel", "apple", "Apple", "Banana", "bob", "zebra"};
  CHECK(f.ListAll("name", 2) == expected);
  CHECK(f.ListAll("-name", 4) == std::vector<std::string>(expected.rbegin(), expected.rend()));
}

TEST_CASE("a lead update checks the version, a deleted lead is gone", "[core][leads]") {
  Fixture f;
  const v1::Lead lead = f.Create("Ada");
  v1::UpdateLeadRequest update;
  update.set_id(lead.id());
  update.set_status("qualified");
  update.set_version(1);
  v1::Lead out;
  REQUIRE(f.leads.Update(f.call, update, &out).ok());
  CHECK(out.status() == "qualified");
  CHECK(f.repo.events.back().As<events::v1::LeadChanged>().changed_fields(0) == "status");
  CHECK(errors::AppCode(f.leads.Update(f.call, update, &out)) == "VERSION_CONFLICT");
  CHECK(f.repo.rollbacks == 1);

  REQUIRE(f.leads.Delete(f.call, lead.id()).ok());
  CHECK(f.repo.events.back().type == "lead.deleted");
  CHECK(errors::AppCode(f.leads.Get(f.call, lead.id(), &out)) == "NOT_FOUND");
  CHECK(errors::AppCode(f.leads.Delete(f.call, lead.id())) == "NOT_FOUND");
  update.clear_version();
  CHECK(errors::AppCode(f.leads.Update(f.call, update, &out)) == "NOT_FOUND");
  CHECK(f.repo.events.size() == 3);  // created, updated, deleted
}

TEST_CASE("a member limited to brands cannot create outside them or unbrand a lead", "[core][leads]") {
  Fixture f;
  CallContext limited{.org_id = kOrg, .user_id = kUser, .brand_access = kBrand};
  v1::CreateLeadRequest request;
  request.set_name("Ada");
  request.set_brand_id("0190f1c2-3b4a-7def-8123-456789abcb02");
  v1::Lead out;
  CHECK(f.leads.Create(limited, request, &out).code() == absl::StatusCode::kPermissionDenied);
  request.set_brand_id(kBrand);
  REQUIRE(f.leads.Create(limited, request, &out).ok());
  v1::UpdateLeadRequest unbrand;
  unbrand.set_id(out.id());
  unbrand.set_brand_id("");
  CHECK(f.leads.Update(limited, unbrand, &out).code() == absl::StatusCode::kPermissionDenied);
}

}  // namespace sentra::core

// ClientLogic on fakes: the rules of clients without a database or a network.
#include "src/clients.h"

#include <catch2/catch.hpp>

#include "fake_client_queries.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/client.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<ClientQueries, testing::FakeClientQueries>;

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kUser[] = "0190f1c2-3b4a-7def-8123-456789abcd01";
constexpr char kOtherUser[] = "0190f1c2-3b4a-7def-8123-456789abcd02";
constexpr char kBrand[] = "0190f1c2-3b4a-7def-8123-456789abcb01";
constexpr char kOtherBrand[] = "0190f1c2-3b4a-7def-8123-456789abcb02";

// Knows one other member and one brand; records what it was asked.
class FakeReferences final : public ReferenceChecker {
 public:
  absl::Status Check(const CallContext&, std::string_view owner_id, std::string_view brand_id) const override {
    ++checks;
    if (!owner_id.empty() && owner_id != kUser && owner_id != kOtherUser) {
      return errors::Validation("owner_id", "is not a member of this organization");
    }
    if (!brand_id.empty() && brand_id != kBrand && brand_id != kOtherBrand) {
      return errors::Validation("brand_id", "is not a brand of this organization");
    }
    return absl::OkStatus();
  }
  mutable int checks = 0;
};

struct Fixture {
  Repo repo;
  FakeReferences references;
  ClientLogic clients{repo, references};
  CallContext everyone{.org_id = kOrg, .user_id = kUser, .brand_access = "*"};
  CallContext limited{.org_id = kOrg, .user_id = kUser, .brand_access = kBrand};

  v1::Client Create(const CallContext& call, const std::string& name, const std::string& brand = "") {
    v1::CreateClientRequest request;
    request.set_name(name);
    request.set_brand_id(brand);
    v1::Client out;
    REQUIRE(clients.Create(call, request, &out).ok());
    return out;
  }
};

std::string FieldOf(const absl::Status& status) {
  const auto fields = errors::FieldErrors(status);
  return fields.empty() ? "" : fields[0].field;
}

}  // namespace

TEST_CASE("a new client is normalized, owned by its creator and announced", "[core][clients]") {
  Fixture f;
  v1::CreateClientRequest request;
  request.set_name("  Acme  ");
  request.set_email("Ops@Acme.COM");
  v1::Client out;
  REQUIRE(f.clients.Create(f.everyone, request, &out).ok());
  CHECK(out.name() == "Acme");
  CHECK(out.email() == "ops@acme.com");
  CHECK(out.kind() == "company");
  CHECK(out.owner_id() == kUser);
  CHECK(out.version() == 1);
  REQUIRE(f.repo.events.size() == 1);
  CHECK(f.repo.events[0].type == "client.created");
  CHECK(f.repo.events[0].aggregate_id == out.id());
  CHECK(f.repo.events[0].As<events::v1::ClientChanged>().name() == "Acme");
}

TEST_CASE("bad client input names every bad field and stores nothing", "[core][clients]") {
  Fixture f;
  v1::CreateClientRequest request;
  request.set_kind("robot");
  request.set_email("nope");
  v1::Client out;
  const auto status = f.clients.Create(f.everyone, request, &out);
  CHECK(errors::AppCode(status) == "VALIDATION_ERROR");
  std::vector<std::string> fields;
  for (const auto& e : errors::FieldErrors(status)) fields.push_back(e.field);
  CHECK(fields == std::vector<std::string>{"kind", "name", "email"});
  CHECK(f.repo.state.rows.empty());
  CHECK(f.repo.events.empty());
  CHECK(f.references.checks == 0);  // refused before anyone else was asked
}

TEST_CASE("an owner or brand of another organization is refused by name", "[core][clients]") {
  Fixture f;
  v1::CreateClientRequest request;
  request.set_name("Acme");
  request.set_owner_id("0190f1c2-3b4a-7def-8123-456789abcd99");
  v1::Client out;
  CHECK(FieldOf(f.clients.Create(f.everyone, request, &out)) == "owner_id");
  CHECK(f.repo.state.rows.empty());
}

TEST_CASE("a member limited to brands creates only in them and cannot unbrand a client", "[core][clients]") {
  Fixture f;
  v1::CreateClientRequest request;
  request.set_name("Acme");
  request.set_brand_id(kOtherBrand);
  v1::Client out;
  CHECK(f.clients.Create(f.limited, request, &out).code() == absl::StatusCode::kPermissionDenied);
  const v1::Client created = f.Create(f.limited, "Acme", kBrand);

  v1::UpdateClientRequest unbrand;
  unbrand.set_id(created.id());
  unbrand.set_brand_id("");
  CHECK(f.clients.Update(f.limited, unbrand, &out).code() == absl::StatusCode::kPermissionDenied);
  CHECK(f.repo.state.rows.at(created.id()).brand_id() == kBrand);
  // Someone with every brand may.
  CHECK(f.clients.Update(f.everyone, unbrand, &out).ok());
  CHECK(out.brand_id().empty());
}

TEST_CASE("an update with a stale version conflicts and changes nothing", "[core][clients]") {
  Fixture f;
  const v1::Client created = f.Create(f.everyone, "Acme");
  v1::UpdateClientRequest rename;
  rename.set_id(created.id());
  rename.set_name("Acme Ltd");
  rename.set_version(1);
  v1::Client out;
  REQUIRE(f.clients.Update(f.everyone, rename, &out).ok());
  CHECK(out.version() == 2);
  CHECK(f.repo.events.back().type == "client.updated");
  CHECK(f.repo.events.back().As<events::v1::ClientChanged>().changed_fields_size() == 1);

  rename.set_name("Acme Group");  // still version 1
  CHECK(errors::AppCode(f.clients.Update(f.everyone, rename, &out)) == "VERSION_CONFLICT");
  CHECK(f.repo.state.rows.at(created.id()).name() == "Acme Ltd");
  CHECK(f.repo.events.size() == 2);

  rename.set_id("0190f1c2-3b4a-7def-8123-000000000000");
  CHECK(errors::AppCode(f.clients.Update(f.everyone, rename, &out)) == "NOT_FOUND");
}

TEST_CASE("client lists page by id with a cursor only this list accepts", "[core][clients]") {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.Create(f.everyone, "Client " + std::to_string(i));
  v1::ListClientsRequest request;
  request.set_limit(2);
  std::vector<std::string> seen;
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListClientsResponse page;
    REQUIRE(f.clients.List(f.everyone, request, &page).ok());
    for (const auto& c : page.data()) seen.push_back(c.name());
    if (page.next_cursor().empty()) break;
    request.set_cursor(page.next_cursor());
  }
  CHECK(seen == std::vector<std::string>{"Client 0", "Client 1", "Client 2", "Client 3", "Client 4"});

  request.set_cursor("bm90LWEtY3Vyc29y");
  v1::ListClientsResponse page;
  CHECK(FieldOf(f.clients.List(f.everyone, request, &page)) == "cursor");
  request.clear_cursor();
  request.set_kind("robot");
  CHECK(FieldOf(f.clients.List(f.everyone, request, &page)) == "kind");
}

TEST_CASE("only a client-portal member has a portal client, and only their own", "[core][clients]") {
  Fixture f;
  const v1::Client created = f.Create(f.everyone, "Acme");
  v1::PortalClient out;
  CHECK(f.clients.GetPortalClient(f.everyone, &out).code() == absl::StatusCode::kPermissionDenied);
  CallContext portal{.org_id = kOrg, .user_id = kOtherUser, .client_id = created.id()};
  REQUIRE(f.clients.GetPortalClient(portal, &out).ok());
  CHECK(out.name() == "Acme");
  v1::Client archived;
  REQUIRE(f.clients.SetArchived(f.everyone, created.id(), true, &archived).ok());
  CHECK(errors::AppCode(f.clients.GetPortalClient(portal, &out)) == "NOT_FOUND");
}

TEST_CASE("archiving hides a client from lists and edits until it is restored", "[core][clients]") {
  Fixture f;
  const v1::Client acme = f.Create(f.everyone, "Acme");
  v1::Client out;
  REQUIRE(f.clients.SetArchived(f.everyone, acme.id(), true, &out).ok());
  CHECK(out.has_archived_at());
  CHECK(f.repo.events.back().type == "client.archived");
  // Again: answered as it is, no second event.
  REQUIRE(f.clients.SetArchived(f.everyone, acme.id(), true, &out).ok());
  CHECK(f.repo.events.size() == 2);

  v1::ListClientsRequest live;
  v1::ListClientsResponse page;
  REQUIRE(f.clients.List(f.everyone, live, &page).ok());
  CHECK(page.data_size() == 0);
  v1::ListClientsRequest archived;
  archived.set_archived(true);
  REQUIRE(f.clients.List(f.everyone, archived, &page).ok());
  CHECK(page.data_size() == 1);
  REQUIRE(f.clients.Get(f.everyone, acme.id(), &out).ok());  // still readable by id

  v1::UpdateClientRequest rename;
  rename.set_id(acme.id());
  rename.set_name("Acme Ltd");
  CHECK(errors::AppCode(f.clients.Update(f.everyone, rename, &out)) == "CONFLICT");

  REQUIRE(f.clients.SetArchived(f.everyone, acme.id(), false, &out).ok());
  CHECK_FALSE(out.has_archived_at());
  CHECK(f.repo.events.back().type == "client.restored");
  CHECK(f.clients.Update(f.everyone, rename, &out).ok());
  CHECK(errors::AppCode(f.clients.SetArchived(f.everyone, "0190f1c2-3b4a-7def-8123-000000000000", true, &out)) ==
        "NOT_FOUND");
}

}  // namespace sentra::core

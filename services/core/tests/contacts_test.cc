// ContactLogic on fakes: one primary per client, and contacts only of
// clients the caller sees.
#include "src/contacts.h"

#include <catch2/catch.hpp>

#include "fake_contact_queries.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/contact.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<ContactQueries, testing::FakeContactQueries>;

constexpr char kClient[] = "0190f1c2-3b4a-7def-8123-456789abc001";
constexpr char kHiddenClient[] = "0190f1c2-3b4a-7def-8123-456789abc002";

struct Fixture {
  Fixture() { repo.state.clients = {kClient}; }

  v1::Contact Create(const std::string& name, bool primary = false) {
    v1::CreateContactRequest request;
    request.set_client_id(kClient);
    request.set_name(name);
    request.set_is_primary(primary);
    v1::Contact out;
    REQUIRE(contacts.Create(call, request, &out).ok());
    return out;
  }

  std::vector<std::string> Primaries() const {
    std::vector<std::string> names;
    for (const auto& [id, c] : repo.state.live) {
      if (c.is_primary()) names.push_back(c.name());
    }
    return names;
  }

  Repo repo;
  ContactLogic contacts{repo};
  CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef", .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01"};
};

}  // namespace

TEST_CASE("a client's first contact is primary, and naming another moves the role", "[core][contacts]") {
  Fixture f;
  const v1::Contact ada = f.Create("Ada");
  CHECK(ada.is_primary());
  const v1::Contact bob = f.Create("Bob");
  CHECK_FALSE(bob.is_primary());
  CHECK(f.Primaries() == std::vector<std::string>{"Ada"});
  f.Create("Cleo", /*primary=*/true);
  CHECK(f.Primaries() == std::vector<std::string>{"Cleo"});
  // Ada's losing the role is a change of Ada's, and says so.
  const auto demoted = f.repo.events[f.repo.events.size() - 2];
  CHECK(demoted.type == "contact.updated");
  CHECK(demoted.aggregate_id == ada.id());
  CHECK(demoted.As<events::v1::ContactChanged>().changed_fields(0) == "is_primary");

  v1::UpdateContactRequest promote;
  promote.set_id(bob.id());
  promote.set_is_primary(true);
  v1::Contact out;
  REQUIRE(f.contacts.Update(f.call, promote, &out).ok());
  CHECK(out.is_primary());
  CHECK(f.Primaries() == std::vector<std::string>{"Bob"});

  promote.set_is_primary(false);
  CHECK(errors::FieldErrors(f.contacts.Update(f.call, promote, &out))[0].field == "is_primary");
}

TEST_CASE("deleting the primary passes the role to the oldest contact left", "[core][contacts]") {
  Fixture f;
  const v1::Contact ada = f.Create("Ada");
  f.Create("Bob");
  f.Create("Cleo");
  REQUIRE(f.contacts.Delete(f.call, ada.id()).ok());
  CHECK(f.Primaries() == std::vector<std::string>{"Bob"});
  const auto& recorded = f.repo.events;
  CHECK(recorded[recorded.size() - 2].type == "contact.deleted");
  CHECK(recorded.back().type == "contact.updated");  // Bob, now the primary
  CHECK(recorded.back().As<events::v1::ContactChanged>().is_primary());
  v1::Contact out;
  CHECK(errors::AppCode(f.contacts.Get(f.call, ada.id(), &out)) == "NOT_FOUND");
  CHECK(errors::AppCode(f.contacts.Delete(f.call, ada.id())) == "NOT_FOUND");
}

TEST_CASE("contacts of a client the caller cannot see do not exist for them", "[core][contacts]") {
  Fixture f;
  v1::CreateContactRequest request;
  request.set_client_id(kHiddenClient);
  request.set_name("Ada");
  v1::Contact out;
  CHECK(errors::AppCode(f.contacts.Create(f.call, request, &out)) == "NOT_FOUND");
  v1::ListContactsRequest list;
  list.set_client_id(kHiddenClient);
  v1::ListContactsResponse page;
  CHECK(errors::AppCode(f.contacts.List(f.call, list, &page)) == "NOT_FOUND");

  const v1::Contact ada = f.Create("Ada");
  f.repo.state.clients.clear();  // the client went out of sight (archived, or its brand)
  CHECK(errors::AppCode(f.contacts.Get(f.call, ada.id(), &out)) == "NOT_FOUND");
  v1::UpdateContactRequest rename;
  rename.set_id(ada.id());
  rename.set_name("Ada L.");
  CHECK(errors::AppCode(f.contacts.Update(f.call, rename, &out)) == "NOT_FOUND");
}

TEST_CASE("bad contact input names its fields and writes nothing", "[core][contacts]") {
  Fixture f;
  v1::CreateContactRequest request;
  request.set_client_id("nope");
  v1::Contact out;
  CHECK(errors::FieldErrors(f.contacts.Create(f.call, request, &out))[0].field == "client_id");
  request.set_client_id(kClient);
  request.set_email("not-mail");
  std::vector<std::string> fields;
  for (const auto& e : errors::FieldErrors(f.contacts.Create(f.call, request, &out))) fields.push_back(e.field);
  CHECK(fields == std::vector<std::string>{"name", "email"});
  CHECK(f.repo.state.live.empty());
  CHECK(f.repo.events.empty());
}

TEST_CASE("a contact update checks the version and names what changed", "[core][contacts]") {
  Fixture f;
  const v1::Contact ada = f.Create("Ada");
  v1::UpdateContactRequest rename;
  rename.set_id(ada.id());
  rename.set_title("CTO");
  rename.set_version(ada.version());
  v1::Contact out;
  REQUIRE(f.contacts.Update(f.call, rename, &out).ok());
  CHECK(out.title() == "CTO");
  const auto event = f.repo.events.back().As<events::v1::ContactChanged>();
  CHECK(f.repo.events.back().type == "contact.updated");
  CHECK(event.changed_fields_size() == 1);
  CHECK(event.changed_fields(0) == "title");
  CHECK(errors::AppCode(f.contacts.Update(f.call, rename, &out)) == "VERSION_CONFLICT");
}

}  // namespace sentra::core

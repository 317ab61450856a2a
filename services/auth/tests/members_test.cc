// MemberLogic on fakes: the rules about who may invite and change whom,
// without a database.
#include "src/members.h"

#include <catch2/catch.hpp>

#include <map>

#include "fake_member_queries.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::auth {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<MemberQueries, testing::FakeMemberQueries>;

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kOwner[] = "0190f1c2-3b4a-7def-8123-456789abcd01";
constexpr char kSecondOwner[] = "0190f1c2-3b4a-7def-8123-456789abcd02";
constexpr char kManager[] = "0190f1c2-3b4a-7def-8123-456789abcd03";
constexpr char kBrandA[] = "0190f1c2-3b4a-7def-8123-456789abcb0a";
constexpr char kBrandB[] = "0190f1c2-3b4a-7def-8123-456789abcb0b";

// The clients core would say the organization has, each with its brand;
// `reachable` false is core not answering.
struct FakeClients final : ClientChecker {
  absl::StatusOr<std::string> ClientBrand(const CallContext&, std::string_view client_id) const override {
    ++calls;
    if (!reachable) return absl::UnavailableError("core is down");
    const auto found = known.find(std::string(client_id));
    if (found == known.end()) return UnknownClient();
    return found->second;
  }
  std::map<std::string, std::string> known;  // client id → brand id ("" none)
  bool reachable = true;
  mutable int calls = 0;
};

struct Fixture {
  Fixture() {
    repo.state.Add(kOwner, "owner");
    repo.state.Add(kManager, "manager", kBrandA);
    repo.state.brands = {kBrandA, kBrandB};
  }

  CallContext As(const char* user) const { return {.org_id = kOrg, .user_id = user}; }

  absl::Status Update(const char* caller, const char* member, auto&& change) {
    v1::UpdateUserRequest request;
    request.set_id(member);
    change(request);
    v1::Member out;
    return members.Update(As(caller), request, &out);
  }

  Repo repo;
  FakeClients clients;
  MemberLogic members{repo, /*invitations_per_day=*/3, clients};
};

v1::InviteUserRequest Invitation(const std::string& email, const std::string& role) {
  v1::InviteUserRequest request;
  request.set_email(email);
  request.set_name("New Person");
  request.set_role(role);
  return request;
}

}  // namespace

TEST_CASE("the last active owner can be neither demoted nor deactivated", "[auth][members]") {
  Fixture f;
  const auto demote = [](v1::UpdateUserRequest& r) { r.set_role("admin"); };
  const auto deactivate = [](v1::UpdateUserRequest& r) { r.set_status("deactivated"); };
  CHECK(errors::AppCode(f.Update(kOwner, kOwner, demote)) == "CONFLICT");
  CHECK(errors::AppCode(f.Update(kOwner, kOwner, deactivate)) == "CONFLICT");
  CHECK(f.repo.state.members.at(kOwner).member.role() == "owner");
  CHECK(f.repo.events.empty());

  // With a second owner, one of them may go.
  f.repo.state.Add(kSecondOwner, "owner");
  REQUIRE(f.Update(kOwner, kSecondOwner, deactivate).ok());
  CHECK(f.repo.state.ended_sessions.contains(kSecondOwner));
  REQUIRE(f.repo.events.size() == 1);
  CHECK(f.repo.events[0].type == "user.deactivated");
  CHECK(f.repo.events[0].As<events::v1::UserDeactivated>().user_id() == kSecondOwner);
  // And then the first is the last again.
  CHECK(errors::AppCode(f.Update(kOwner, kOwner, demote)) == "CONFLICT");
}

TEST_CASE("nobody grants a role or brands beyond their own, or changes a member beyond them", "[auth][members]") {
  Fixture f;
  // A manager holds no users:manage at all.
  v1::Member out;
  CHECK(f.members.Invite(f.As(kManager), Invitation("x@example.com", "agent"), &out).code() ==
        absl::StatusCode::kPermissionDenied);

  f.repo.state.Add("0190f1c2-3b4a-7def-8123-456789abcd04", "admin", kBrandA);
  const CallContext admin_a = f.As("0190f1c2-3b4a-7def-8123-456789abcd04");
  CHECK(errors::AppCode(f.members.Invite(admin_a, Invitation("x@example.com", "owner"), &out)) == "FORBIDDEN");
  auto to_b = Invitation("x@example.com", "agent");
  to_b.mutable_brand_access()->add_brand_ids(kBrandB);
  CHECK(errors::AppCode(f.members.Invite(admin_a, to_b, &out)) == "FORBIDDEN");
  // Without brand_access the invitee gets the inviter's own.
  REQUIRE(f.members.Invite(admin_a, Invitation("y@example.com", "agent"), &out).ok());
  CHECK_FALSE(out.brand_access().all());
  CHECK(out.brand_access().brand_ids(0) == kBrandA);
  // A member with every brand may not be changed by someone with brand A
  // only, though the role is one they could grant.
  f.repo.state.Add("0190f1c2-3b4a-7def-8123-456789abcd05", "agent");
  const auto reach = f.Update("0190f1c2-3b4a-7def-8123-456789abcd04", "0190f1c2-3b4a-7def-8123-456789abcd05",
                              [](v1::UpdateUserRequest& r) { r.set_name("Renamed"); });
  CHECK(errors::AppCode(reach) == "FORBIDDEN");
  CHECK(reach.message() == "that member has brands you do not have");
}

TEST_CASE("an invitation is checked, counted per day and announced with its link", "[auth][members]") {
  Fixture f;
  v1::Member out;
  auto bad = Invitation("not-an-address", "");
  bad.set_client_id("0190f1c2-3b4a-7def-8123-456789abcc01");
  const auto status = f.members.Invite(f.As(kOwner), bad, &out);
  std::vector<std::string> fields;
  for (const auto& e : errors::FieldErrors(status)) fields.push_back(e.field);
  CHECK(fields == std::vector<std::string>{"email", "role", "client_id"});

  auto nowhere = Invitation("a@example.com", "agent");
  nowhere.mutable_brand_access()->add_brand_ids("0190f1c2-3b4a-7def-8123-456789abcbff");
  CHECK(errors::FieldErrors(f.members.Invite(f.As(kOwner), nowhere, &out))[0].field == "brand_access.brand_ids");

  REQUIRE(f.members.Invite(f.As(kOwner), Invitation(" A@Example.com ", "agent"), &out).ok());
  CHECK(out.email() == "a@example.com");
  CHECK(out.status() == "invited");
  REQUIRE(f.repo.events.size() == 1);
  const auto invited = f.repo.events[0].As<events::v1::AccountEmailRequested>();
  CHECK(invited.organization_name() == "Acme");
  CHECK_FALSE(invited.token().empty());
  CHECK(errors::AppCode(f.members.Invite(f.As(kOwner), Invitation("a@example.com", "agent"), &out)) == "CONFLICT");

  REQUIRE(f.members.Invite(f.As(kOwner), Invitation("b@example.com", "agent"), &out).ok());
  REQUIRE(f.members.Invite(f.As(kOwner), Invitation("c@example.com", "agent"), &out).ok());
  CHECK(errors::AppCode(f.members.Invite(f.As(kOwner), Invitation("d@example.com", "agent"), &out)) ==
        "RATE_LIMITED");
  CHECK(f.repo.events.size() == 3);
}

TEST_CASE("a client-portal member is tied only to a client the organization has", "[auth][members]") {
  Fixture f;
  constexpr char kClient[] = "0190f1c2-3b4a-7def-8123-456789abcc01";
  f.clients.known = {{kClient, ""}};
  v1::Member out;
  auto theirs = Invitation("portal@example.com", "client");
  theirs.set_client_id("0190F1C2-3B4A-7DEF-8123-456789ABCCFF");  // another organization's, or none at all
  const auto refused = f.members.Invite(f.As(kOwner), theirs, &out);
  CHECK(sentra::testing::ErrorFields(refused) == std::vector<std::string>{"client_id"});
  CHECK(f.repo.events.empty());
  f.clients.reachable = false;  // core not answering: nothing written, the caller may retry
  auto ours = Invitation("portal@example.com", "client");
  ours.set_client_id("0190F1C2-3B4A-7DEF-8123-456789ABCC01");
  CHECK(f.members.Invite(f.As(kOwner), ours, &out).code() == absl::StatusCode::kUnavailable);
  CHECK(f.repo.events.empty());
  f.clients.reachable = true;
  REQUIRE(f.members.Invite(f.As(kOwner), ours, &out).ok());  // asked in canonical form
  CHECK(f.repo.events.size() == 1);
  const int asked = f.clients.calls;
  REQUIRE(f.members.Invite(f.As(kOwner), Invitation("agent@example.com", "agent"), &out).ok());
  CHECK(f.clients.calls == asked);  // only client-portal members are asked about
}

TEST_CASE("a client-portal member's client is one the inviter may see, in the member's own brands",
          "[auth][members]") {
  Fixture f;
  constexpr char kClientOfA[] = "0190f1c2-3b4a-7def-8123-456789abcc0a";
  constexpr char kClientOfB[] = "0190f1c2-3b4a-7def-8123-456789abcc0b";
  f.clients.known = {{kClientOfA, kBrandA}, {kClientOfB, kBrandB}};
  constexpr char kAdminOfA[] = "0190f1c2-3b4a-7def-8123-456789abcd0a";
  f.repo.state.Add(kAdminOfA, "admin", kBrandA);
  v1::Member out;
  const auto portal = [](const char* email, const char* client) {
    auto r = Invitation(email, "client");
    r.set_client_id(client);
    return r;
  };
  // An admin of brand A only: B's client reads as no client at all.
  const auto unseen = f.members.Invite(f.As(kAdminOfA), portal("b@example.com", kClientOfB), &out);
  CHECK(sentra::testing::ErrorFields(unseen) == std::vector<std::string>{"client_id"});
  CHECK(std::string(unseen.message()) == std::string(UnknownClient().message()));
  // Brands that leave out the client's own would hide it from the member.
  auto narrowed = portal("a1@example.com", kClientOfA);
  narrowed.mutable_brand_access()->add_brand_ids(kBrandB);
  CHECK(sentra::testing::ErrorFields(f.members.Invite(f.As(kOwner), narrowed, &out)) ==
        std::vector<std::string>{"brand_access"});
  CHECK(f.repo.events.empty());
  REQUIRE(f.members.Invite(f.As(kAdminOfA), portal("a2@example.com", kClientOfA), &out).ok());
  CHECK(out.brand_access().brand_ids_size() == 1);  // the inviter's, which show the client

  // Their brands change only to ones that still show them their client.
  const std::string member = out.id();
  const auto refused = f.Update(kOwner, member.c_str(), [](v1::UpdateUserRequest& r) {
    r.mutable_brand_access()->add_brand_ids(kBrandB);
  });
  CHECK(sentra::testing::ErrorFields(refused) == std::vector<std::string>{"brand_access"});
  // The client moved to brand B: the owner gives the member B and the
  // portal shows the client again.
  f.clients.known[kClientOfA] = kBrandB;
  CHECK(f.Update(kOwner, member.c_str(), [](v1::UpdateUserRequest& r) {
          r.mutable_brand_access()->add_brand_ids(kBrandB);
        }).ok());
  // Core not answering: nothing changes, and the caller may retry.
  f.clients.reachable = false;
  CHECK(f.Update(kOwner, member.c_str(), [](v1::UpdateUserRequest& r) {
          r.mutable_brand_access()->set_all(true);
        }).code() == absl::StatusCode::kUnavailable);
}

TEST_CASE("a member update checks the version and that invited members accept first", "[auth][members]") {
  Fixture f;
  CHECK(errors::AppCode(f.Update(kOwner, kManager, [](v1::UpdateUserRequest& r) {
          r.set_name("Mia");
          r.set_version(7);
        })) == "VERSION_CONFLICT");
  REQUIRE(f.Update(kOwner, kManager, [](v1::UpdateUserRequest& r) {
            r.set_name("Mia");
            r.set_version(1);
          }).ok());
  CHECK(f.repo.state.members.at(kManager).member.version() == 2);
  CHECK(errors::AppCode(f.Update(kOwner, "0190f1c2-3b4a-7def-8123-000000000000",
                                 [](v1::UpdateUserRequest& r) { r.set_name("Nobody"); })) == "NOT_FOUND");

  v1::Member invited;
  REQUIRE(f.members.Invite(f.As(kOwner), Invitation("new@example.com", "agent"), &invited).ok());
  CHECK(errors::FieldErrors(f.Update(kOwner, invited.id().c_str(), [](v1::UpdateUserRequest& r) {
          r.set_status("active");
        }))[0].field == "status");
}

}  // namespace sentra::auth

// The e-mails comms queues for events, on a fake queue: who gets which
// template, with the link into the console, and nothing for an event that
// lost its payload.
#include <catch2/catch.hpp>
#include <vector>

#include "sentra/events/v1/identity.pb.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/testing/fake_repository.h"
#include "src/account_email.h"
#include "src/welcome_email.h"

namespace sentra::comms {
namespace {

struct FakeOutbound final : OutboundEmailQueries {
  absl::Status Queue(const OutboundEmail& email) override {
    queued.push_back(email);
    return absl::OkStatus();
  }
  std::vector<OutboundEmail> queued;
};

using Outbound = testing::FakeRepository<OutboundEmailQueries, FakeOutbound>;

events::v1::Envelope Wrap(const std::string& type, const google::protobuf::Message& payload) {
  events::v1::Envelope event;
  event.set_id("event-1");
  event.set_type(type);
  event.set_org_id("org-1");
  event.mutable_payload()->PackFrom(payload);
  return event;
}

events::v1::AccountEmailRequested Request() {
  events::v1::AccountEmailRequested r;
  r.set_email("ada@example.com");
  r.set_name("Ada");
  r.set_token("tok3n");
  r.set_organization_name("Analytical Engines");
  r.set_invited_by_name("Charles");
  r.set_role("sales");
  return r;
}

absl::Status QueueAccountEmail(Outbound& outbound, const events::v1::Envelope& event) {
  const AccountEmails emails("https://crm.example.com");
  return outbound.Write([&](OutboundEmailQueries& q, bus::EventSink& s) { return emails.Queue(q, s, event); });
}

TEST_CASE("a new organization's owner is welcomed by name", "[comms]") {
  events::v1::OrganizationCreated created;
  created.set_name("Analytical Engines");
  created.set_owner_email("ada@example.com");
  created.set_owner_name("Ada");
  Outbound outbound;
  const auto event = Wrap("organization.created", created);
  REQUIRE(outbound.Write([&](OutboundEmailQueries& q, bus::EventSink& s) { return QueueWelcomeEmail(q, s, event); })
              .ok());
  REQUIRE(outbound.state.queued.size() == 1);
  const OutboundEmail& mail = outbound.state.queued[0];
  CHECK(mail.to_address == "ada@example.com");
  CHECK(mail.template_name == "welcome");
  CHECK(mail.subject == "Welcome to Sentra, Ada");
  CHECK(mail.body_text.find("\"Analytical Engines\" is ready") != std::string::npos);
  CHECK(mail.source_event_id == "event-1");
}

TEST_CASE("each account e-mail carries its single-use link into the console", "[comms]") {
  struct Case {
    const char* type;
    const char* template_name;
    const char* link;
  };
  for (const Case& c : {Case{"user.invited", "invitation", "https://crm.example.com/accept-invite?token=tok3n"},
                        Case{"auth.password_reset_requested", "password_reset",
                             "https://crm.example.com/reset-password?token=tok3n"},
                        Case{"auth.email_verification_requested", "email_verification",
                             "https://crm.example.com/verify-email?token=tok3n"}}) {
    INFO(c.type);
    Outbound outbound;
    REQUIRE(QueueAccountEmail(outbound, Wrap(c.type, Request())).ok());
    REQUIRE(outbound.state.queued.size() == 1);
    CHECK(outbound.state.queued[0].template_name == c.template_name);
    CHECK(outbound.state.queued[0].to_address == "ada@example.com");
    CHECK(outbound.state.queued[0].body_text.find(c.link) != std::string::npos);
  }
}

TEST_CASE("an invitation names who invited whom, to what, as what", "[comms]") {
  Outbound outbound;
  REQUIRE(QueueAccountEmail(outbound, Wrap("user.invited", Request())).ok());
  const OutboundEmail& mail = outbound.state.queued.at(0);
  CHECK(mail.subject == "Charles invited you to Analytical Engines on Sentra");
  CHECK(mail.body_text.find("join Analytical Engines as sales") != std::string::npos);
}

TEST_CASE("an event without its payload queues nothing and is refused", "[comms]") {
  Outbound outbound;
  events::v1::Envelope bare;
  bare.set_type("user.invited");
  CHECK(QueueAccountEmail(outbound, bare).code() == absl::StatusCode::kInvalidArgument);
  bare.set_type("organization.created");
  CHECK_FALSE(outbound.Write([&](OutboundEmailQueries& q, bus::EventSink& s) { return QueueWelcomeEmail(q, s, bare); })
                  .ok());
  CHECK(outbound.state.queued.empty());
}

}  // namespace
}  // namespace sentra::comms

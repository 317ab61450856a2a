#include "writers.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "fmt/format.h"
#include "sentra/ids/uuid.h"

namespace sentra::chaos {

namespace {

using namespace std::chrono_literals;

// An answer that settles the outcome: anything but none, 429 and 5xx.
bool Definite(const Reply& r) { return r.status != 0 && r.status != 429 && r.status < 500; }

const Org& OrgOf(const std::vector<Org>& orgs, const std::string& id) {
  for (const auto& o : orgs) {
    if (o.id == id) return o;
  }
  return orgs.front();
}

std::string SignupBody(const std::string& suffix) {
  return fmt::format(R"({{"organization_name":"Chaos {0}","name":"Owner {0}","email":"chaos-{0}@example.com",)"
                     R"("password":"chaos-{0}-pw-1"}})",
                     suffix);
}

}  // namespace

std::int64_t Ledger::acknowledged() const {
  std::int64_t n = static_cast<std::int64_t>(leads.size() + clients.size() + signups.size());
  for (const auto& lead : leads) n += lead.updates + (lead.deleted ? 1 : 0);
  return n;
}

void Ledger::Merge(Ledger&& other) {
  for (auto& l : other.leads) leads.push_back(std::move(l));
  for (auto& c : other.clients) clients.push_back(std::move(c));
  for (auto& s : other.signups) signups.push_back(std::move(s));
  for (auto& k : other.unanswered_keys) unanswered_keys.push_back(std::move(k));
  unanswered += other.unanswered;
  refused += other.refused;
  if (first_refusal.empty()) first_refusal = std::move(other.first_refusal);
}

std::vector<Org> SignUp(const std::string& gateway, int count) {
  HttpSession http(gateway);
  std::vector<Org> orgs;
  for (int i = 0; i < count; ++i) {
    const Reply signup =
        http.Send({.method = "POST", .target = "/v1/auth/signup", .body = SignupBody(ids::NewUuidV7())});
    if (signup.status != 201) throw std::runtime_error("signup: " + std::to_string(signup.status) + " " + signup.body);
    const Reply key = http.Send(
        {.method = "POST",
         .target = "/v1/api-keys",
         .body = R"({"name":"chaos","permissions":["leads:read","leads:write","clients:read","clients:write"]})",
         .token = signup.Field("access_token")});
    if (key.status != 201) throw std::runtime_error("api key: " + std::to_string(key.status) + " " + key.body);
    orgs.push_back({signup.Field("organization.id"), key.Field("secret")});
  }
  return orgs;
}

Writer::Writer(const std::string& gateway, const std::vector<Org>& orgs, unsigned seed)
    : http_(gateway), orgs_(orgs), random_(seed) {}

Reply Writer::UntilAnswered(const Call& call, int* tries) {
  const auto give_up = std::chrono::steady_clock::now() + 120s;
  auto pause = 50ms;
  for (int n = 1;; ++n) {
    if (tries != nullptr) *tries = n;
    Reply reply = http_.Send(call);
    if (Definite(reply)) return reply;
    if (std::chrono::steady_clock::now() > give_up) return {};
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
}

void Writer::Refused(const std::string& what, const Reply& reply) {
  if (reply.status == 0) {
    ++ledger_.unanswered;
    return;
  }
  ++ledger_.refused;
  if (ledger_.first_refusal.empty()) {
    ledger_.first_refusal = fmt::format("{}: {} {}", what, reply.status, reply.body.substr(0, 300));
  }
}

void Writer::SignUpOrganization() {
  const std::string suffix = ids::NewUuidV7();
  int tries = 0;
  const Reply r = UntilAnswered({.method = "POST", .target = "/v1/auth/signup", .body = SignupBody(suffix)}, &tries);
  // 409 after a retry: the e-mail is taken, by the earlier try whose answer
  // was lost.
  if (r.status == 201 || (r.status == 409 && tries > 1)) {
    return ledger_.signups.push_back(fmt::format("chaos-{}@example.com", suffix));
  }
  Refused("sign up", r);
}

void Writer::CreateLead(const Org& org) {
  const std::string key = ids::NewUuidV7();
  const Reply r = UntilAnswered({.method = "POST",
                                 .target = "/v1/leads",
                                 .body = fmt::format(R"({{"name":"Chaos lead {}","company":"chaos {}"}})", ++counter_, key),
                                 .token = org.api_key,
                                 .idempotency_key = key});
  if (r.status == 201 && !r.Field("id").empty()) {
    return ledger_.leads.push_back({.org_id = org.id, .id = r.Field("id"), .key = key});
  }
  if (r.status == 0) ledger_.unanswered_keys.push_back(key);
  Refused("create lead", r);
}

void Writer::CreateClient(const Org& org) {
  const std::string key = ids::NewUuidV7();
  const Reply r = UntilAnswered({.method = "POST",
                                 .target = "/v1/clients",
                                 .body = fmt::format(R"({{"name":"Chaos client {}","notes":"chaos {}"}})", ++counter_, key),
                                 .token = org.api_key,
                                 .idempotency_key = key});
  if (r.status == 201 && !r.Field("id").empty()) {
    return ledger_.clients.push_back({.org_id = org.id, .id = r.Field("id"), .key = key});
  }
  if (r.status == 0) ledger_.unanswered_keys.push_back(key);
  Refused("create client", r);
}

void Writer::UpdateLead(Ledger::Lead& lead) {
  const Org& org = OrgOf(orgs_, lead.org_id);
  const std::string notes = fmt::format("update {}", lead.updates + 1);
  int tries = 0;
  const Reply r = UntilAnswered({.method = "PATCH",
                                 .target = "/v1/leads/" + lead.id,
                                 .body = fmt::format(R"({{"notes":"{}","version":{}}})", notes, lead.version),
                                 .token = org.api_key},
                                &tries);
  if (r.status == 200) {
    ++lead.updates;
    lead.version = r.Number("version");
    return;
  }
  if (r.status == 409 && tries > 1) {
    // Only this writer changes this lead: a conflict on a retry means an
    // earlier try of this very update committed and its answer was lost.
    const Reply now = UntilAnswered({.method = "GET", .target = "/v1/leads/" + lead.id, .token = org.api_key});
    if (now.status == 200 && now.Field("notes") == notes && now.Number("version") == lead.version + 1) {
      ++lead.updates;
      ++lead.version;
      return;
    }
    return Refused("update lead (after 409) " + lead.id, now);
  }
  Refused("update lead " + lead.id, r);
}

void Writer::DeleteLead(Ledger::Lead& lead) {
  const Org& org = OrgOf(orgs_, lead.org_id);
  int tries = 0;
  const Reply r = UntilAnswered({.method = "DELETE", .target = "/v1/leads/" + lead.id, .token = org.api_key}, &tries);
  // 404 on a retry: an earlier try of this delete committed and its answer
  // was lost.
  if (r.status == 204 || (r.status == 404 && tries > 1)) {
    lead.deleted = true;
    return;
  }
  Refused("delete lead " + lead.id, r);
}

Ledger::Lead* Writer::LiveLead() {
  if (ledger_.leads.empty()) return nullptr;
  for (int tries = 0; tries < 8; ++tries) {
    auto& lead = ledger_.leads[random_() % ledger_.leads.size()];
    if (!lead.deleted) return &lead;
  }
  return nullptr;
}

void Writer::Run(const std::atomic<bool>& stop) {
  while (!stop.load()) {
    const Org& org = orgs_[random_() % orgs_.size()];
    const unsigned dice = random_() % 100;
    Ledger::Lead* lead = dice >= 70 ? LiveLead() : nullptr;
    if (dice < 1) {
      SignUpOrganization();  // its organization.created reaches every other consumer
    } else if (dice < 45 || (dice >= 70 && lead == nullptr)) {
      CreateLead(org);
    } else if (dice < 70) {
      CreateClient(org);
    } else if (dice < 92) {
      UpdateLead(*lead);
    } else {
      DeleteLead(*lead);
    }
    std::this_thread::sleep_for(10ms);
  }
}

}  // namespace sentra::chaos

// The chaos suite's writers: mixed creates, updates and deletes from several
// organizations through the gateway, each retried until it gets a definite
// answer (creates with one Idempotency-Key for all their tries, updates with
// the version they expect), and a ledger of what was acknowledged.
#pragma once

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "http_session.h"

namespace sentra::chaos {

struct Org {
  std::string id;
  std::string api_key;  // an API key: unlike a session it outlives any run
};

struct Ledger {
  struct Lead {
    std::string org_id;
    std::string id;
    std::string key;      // its Idempotency-Key, also its marker in `company`
    std::int64_t version = 1;
    int updates = 0;      // acknowledged PATCHes
    bool deleted = false;  // acknowledged DELETE
  };
  struct Client {
    std::string org_id;
    std::string id;
    std::string key;  // its Idempotency-Key, also its marker in `notes`
  };
  std::vector<Lead> leads;
  std::vector<Client> clients;
  std::vector<std::string> signups;  // owners' e-mails of organizations signed up during the chaos
  std::vector<std::string> unanswered_keys;  // creates that never got a definite answer
  std::int64_t unanswered = 0;              // writes of any kind without one
  std::int64_t refused = 0;                 // answers no correct stack gives
  std::string first_refusal;

  std::int64_t acknowledged() const;
  void Merge(Ledger&& other);
};

// Signs up `count` organizations, each with an API key that may write leads
// and clients.
std::vector<Org> SignUp(const std::string& gateway, int count);

class Writer {
 public:
  Writer(const std::string& gateway, const std::vector<Org>& orgs, unsigned seed);
  // Writes until `stop`; the write in progress then still gets its answer.
  void Run(const std::atomic<bool>& stop);
  Ledger& ledger() { return ledger_; }

 private:
  // Sends `call` again while the answer is unknown (no answer, 429, 5xx),
  // for up to two minutes; status 0 if it never came. `tries`: how many
  // sends it took.
  Reply UntilAnswered(const Call& call, int* tries = nullptr);
  void Refused(const std::string& what, const Reply& reply);
  void SignUpOrganization();
  void CreateLead(const Org& org);
  void CreateClient(const Org& org);
  void UpdateLead(Ledger::Lead& lead);
  void DeleteLead(Ledger::Lead& lead);
  Ledger::Lead* LiveLead();

  HttpSession http_;
  const std::vector<Org>& orgs_;
  std::mt19937 random_;
  Ledger ledger_;
  std::int64_t counter_ = 0;
};

}  // namespace sentra::chaos

// After the chaos: waits until every committed event has been delivered (or
// a time limit), then counts, from the databases and the broker, whether
// every acknowledged write is there exactly once and every event was applied
// exactly once by every consumer that subscribes to it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "writers.h"

namespace sentra::chaos {

struct Counts {
  // Writes the ledger holds as acknowledged.
  std::int64_t acknowledged = 0;
  std::int64_t present_once = 0;
  std::int64_t writes_lost = 0;
  std::int64_t writes_duplicated = 0;
  // Events committed in any outbox × consumers subscribed to their type.
  std::int64_t deliveries = 0;
  std::int64_t applied_once = 0;
  std::int64_t parked = 0;
  std::int64_t events_lost = 0;
  std::int64_t events_duplicated = 0;
  std::int64_t unpublished = 0;
  std::int64_t in_retry = 0;
  // organization.created × its three effects (welcome e-mail, billing
  // settings, default pipeline), and how many of those are missing.
  std::int64_t effects = 0;
  std::int64_t effects_missing = 0;
  std::vector<std::string> examples;  // the first few writes that are not there exactly once

  bool clean() const {
    return writes_lost == 0 && writes_duplicated == 0 && parked == 0 && events_lost == 0 &&
           events_duplicated == 0 && present_once == acknowledged && applied_once == deliveries &&
           effects_missing == 0;
  }
};

// Where the chaos began: the database's clock (only events committed since
// are audited, so earlier tests on a shared stack do not count) and the
// messages already parked then.
struct Baseline {
  std::string since;
  std::int64_t parked = 0;
};
std::int64_t ParkedNow(const std::string& amqp_url);
std::string DatabaseNow(const std::string& db_url);

// `db_url`: the stack's database as a superuser; `amqp_url`: its broker.
Counts Audit(const Ledger& ledger, const std::string& db_url, const std::string& amqp_url, const Baseline& before);

}  // namespace sentra::chaos

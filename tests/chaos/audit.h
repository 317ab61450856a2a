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
  std::vector<std::string> examples;  // the first few writes that are not there exactly once

  bool clean() const {
    return writes_lost == 0 && writes_duplicated == 0 && parked == 0 && events_lost == 0 &&
           events_duplicated == 0 && present_once == acknowledged && applied_once == deliveries;
  }
};

// Messages in the parking queues now: parked before the chaos began (by
// earlier tests on a shared stack) are not its doing.
std::int64_t ParkedNow(const std::string& amqp_url);

// `db_url`: the stack's database as a superuser; `amqp_url`: its broker;
// `parked_before`: ParkedNow() when the writers started.
Counts Audit(const Ledger& ledger, const std::string& db_url, const std::string& amqp_url,
             std::int64_t parked_before);

}  // namespace sentra::chaos

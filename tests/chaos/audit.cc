#include "audit.h"

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include "fmt/format.h"
#include "sentra/bus/amqp_connection.h"
#include "sentra/bus/topology.h"
#include "sentra/service/subscriptions.h"

namespace sentra::chaos {

namespace {

using Rows = std::vector<std::vector<std::string>>;

// Every statement here is built from constants and ids this program made.
class Db {
 public:
  explicit Db(const std::string& url) : conn_(PQconnectdb(url.c_str()), &PQfinish) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_.get()));
  }
  Rows Query(const std::string& sql) {
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn_.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
      throw std::runtime_error(fmt::format("{}: {}", sql.substr(0, 80), PQerrorMessage(conn_.get())));
    }
    Rows rows(PQntuples(r.get()));
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      for (int j = 0; j < PQnfields(r.get()); ++j) rows[i].emplace_back(PQgetvalue(r.get(), i, j));
    }
    return rows;
  }
  std::int64_t Number(const std::string& sql) { return std::stoll(Query(sql).at(0).at(0)); }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

const char* const kServices[] = {"auth", "core", "comms", "billing", "analytics"};

// A SQL condition on event_type for a consumer's binding keys (topic
// patterns: "*" one word, "#" any number of words).
std::string TypeCondition(const std::vector<std::string>& patterns) {
  std::string sql;
  for (const auto& p : patterns) {
    std::string regex = "^";
    for (const char c : p) {
      if (c == '.') regex += "\\.";
      else if (c == '*') regex += "[^.]+";
      else if (c == '#') regex += ".*";
      else regex += c;
    }
    sql += fmt::format("{}event_type ~ '{}$'", sql.empty() ? "" : " OR ", regex);
  }
  return sql.empty() ? "false" : "(" + sql + ")";
}

struct Delivery {
  std::int64_t expected = 0;
  std::int64_t missing = 0;
  std::int64_t unpublished = 0;
};

// Every committed event × every consumer bound to its type: how many, and
// how many that consumer's inbox lacks.
Delivery Deliveries(Db& db) {
  Delivery d;
  for (const char* producer : kServices) {
    d.unpublished += db.Number(fmt::format("SELECT count(*) FROM {}.outbox WHERE published_at IS NULL", producer));
    for (const auto& sub : service::Subscriptions()) {
      const auto row = db.Query(fmt::format(
          "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM {1}.inbox i WHERE i.consumer = '{1}' "
          "AND i.event_id = o.event_id)) FROM {0}.outbox o WHERE {2}",
          producer, sub.consumer, TypeCondition(sub.event_types)));
      d.expected += std::stoll(row[0][0]);
      d.missing += std::stoll(row[0][1]);
    }
  }
  return d;
}

struct Broker {
  std::int64_t parked = 0;
  std::int64_t in_retry = 0;
};

Broker Queues(const std::string& amqp_url) {
  Broker b;
  for (const auto& sub : service::Subscriptions()) {
    std::vector<std::pair<std::string, std::int64_t*>> queues{{bus::ParkingQueue(sub.consumer), &b.parked}};
    for (const auto delay : sub.retry_delays) queues.emplace_back(bus::RetryQueue(sub.consumer, delay), &b.in_retry);
    for (const auto& [queue, total] : queues) {
      // A fresh connection each: asking for a queue that does not exist
      // closes the channel.
      auto conn = bus::AmqpConnection::Open(amqp_url, "chaos-audit");
      if (!conn.ok()) throw std::runtime_error("broker: " + std::string(conn.status().message()));
      auto depth = (*conn)->QueueDepth(queue);
      if (depth.ok()) *total += *depth;
    }
  }
  return b;
}

// What the database holds for the ledger's writes.
void CountWrites(Db& db, const Ledger& ledger, Counts& c) {
  std::map<std::string, std::tuple<std::int64_t, std::string, std::int64_t, bool>> leads;  // by key
  for (auto& r : db.Query("SELECT substr(company, 7), count(*), min(id::text), max(version), "
                          "bool_or(archived_at IS NOT NULL) FROM core.leads WHERE company LIKE 'chaos %' GROUP BY 1")) {
    leads[r[0]] = {std::stoll(r[1]), r[2], std::stoll(r[3]), r[4] == "t"};
  }
  std::map<std::string, std::int64_t> clients;
  for (auto& r : db.Query("SELECT substr(notes, 7), count(*) FROM core.clients WHERE notes LIKE 'chaos %' GROUP BY 1")) {
    clients[r[0]] = std::stoll(r[1]);
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> events;  // (aggregate id, type)
  for (auto& r : db.Query("SELECT aggregate_id, event_type, count(*) FROM core.outbox WHERE event_type IN "
                          "('lead.created', 'lead.updated', 'lead.deleted', 'client.created') GROUP BY 1, 2")) {
    events[{r[0], r[1]}] = std::stoll(r[2]);
  }
  // Writes expected `want` times, found `got` times.
  std::string what;
  const auto tally = [&c, &what](std::int64_t want, std::int64_t got) {
    if (got < want) c.writes_lost += want - got;
    if (got > want) c.writes_duplicated += got - want;
    if (got == want) c.present_once += want;
    if (got != want && c.examples.size() < 10) c.examples.push_back(fmt::format("{}: {} of {}", what, got, want));
  };
  for (const auto& lead : ledger.leads) {
    c.acknowledged += 1 + lead.updates + (lead.deleted ? 1 : 0);
    const auto it = leads.find(lead.key);
    const std::int64_t rows = it == leads.end() ? 0 : std::get<0>(it->second);
    what = fmt::format("lead {} (key {}, {} updates{})", lead.id, lead.key, lead.updates, lead.deleted ? ", deleted" : "");
    if (rows != 1 || std::get<1>(it->second) != lead.id) {
      tally(1, rows);  // the row is missing or made twice
      c.writes_lost += lead.updates + (lead.deleted ? 1 : 0);
      continue;
    }
    const auto count = [&](const char* type) {
      auto e = events.find({lead.id, type});
      return e == events.end() ? std::int64_t{0} : e->second;
    };
    tally(1, count("lead.created"));
    // Each acknowledged change once: as one event and one step of the
    // row's version (a delete is a step too).
    const std::int64_t updated = count("lead.updated");
    const std::int64_t extra_steps = std::get<2>(it->second) - (1 + lead.updates + (lead.deleted ? 1 : 0));
    tally(lead.updates, updated != lead.updates ? updated : lead.updates + extra_steps);
    const bool archived = std::get<3>(it->second);
    tally(lead.deleted ? 1 : 0, archived ? count("lead.deleted") : 0);
  }
  for (const auto& client : ledger.clients) {
    ++c.acknowledged;
    const auto it = clients.find(client.key);
    what = fmt::format("client {} (key {})", client.id, client.key);
    const std::int64_t rows = it == clients.end() ? 0 : it->second;
    auto e = events.find({client.id, "client.created"});
    tally(1, rows == 1 ? (e == events.end() ? 0 : e->second) : rows);
  }
}

}  // namespace

std::int64_t ParkedNow(const std::string& amqp_url) { return Queues(amqp_url).parked; }

Counts Audit(const Ledger& ledger, const std::string& db_url, const std::string& amqp_url,
             std::int64_t parked_before) {
  using namespace std::chrono_literals;
  Db db(db_url);
  Counts c;
  // Until everything committed has reached every consumer, or 5 minutes.
  const auto limit = std::chrono::steady_clock::now() + 300s;
  Delivery d;
  Broker b;
  for (;;) {
    d = Deliveries(db);
    b = Queues(amqp_url);
    const bool settled = d.missing == 0 && d.unpublished == 0 && b.in_retry == 0;
    if (settled || std::chrono::steady_clock::now() > limit) break;
    std::this_thread::sleep_for(1s);
  }
  CountWrites(db, ledger, c);
  c.deliveries = d.expected;
  c.parked = b.parked - parked_before;
  c.in_retry = b.in_retry;
  c.unpublished = d.unpublished;
  c.events_lost = d.missing;
  // The archive's effect of each delivery, once: a row per inbox entry, and
  // never two rows for one event.
  const std::int64_t no_effect = db.Number(
      "SELECT count(*) FROM analytics.inbox i WHERE i.consumer = 'analytics' AND NOT EXISTS "
      "(SELECT 1 FROM analytics.event_archive a WHERE a.event_id = i.event_id)");
  c.events_lost += no_effect;
  c.events_duplicated = db.Number("SELECT count(*) - count(DISTINCT event_id) FROM analytics.event_archive");
  c.applied_once = c.deliveries - c.events_lost - c.events_duplicated;
  return c;
}

}  // namespace sentra::chaos

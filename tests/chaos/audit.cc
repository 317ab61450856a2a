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
#include "sentra/services.h"

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

using sentra::kServices;

// A SQL condition on event_type for a consumer's binding keys: "#" (every
// type), exact types and "*" for one word. Other uses of "#" are refused
// rather than matched wrongly.
std::string TypeCondition(const std::vector<std::string>& patterns) {
  std::string sql;
  for (const auto& p : patterns) {
    if (p == "#") return "true";
    if (p.find('#') != std::string::npos) throw std::runtime_error("binding key not supported by the audit: " + p);
    std::string regex = "^";
    for (const char c : p) {
      if (c == '.') regex += "\\.";
      else if (c == '*') regex += "[^.]+";
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

// Every event committed since `since` × every consumer bound to its type:
// how many, and how many that consumer's inbox lacks.
Delivery Deliveries(Db& db, const std::string& since) {
  Delivery d;
  for (const char* producer : kServices) {
    d.unpublished += db.Number(fmt::format("SELECT count(*) FROM {}.outbox WHERE published_at IS NULL", producer));
    for (const auto& sub : service::Subscriptions()) {
      const auto row = db.Query(fmt::format(
          "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM {1}.inbox i WHERE i.consumer = '{1}' "
          "AND i.event_id = o.event_id)) FROM {0}.outbox o WHERE o.created_at >= '{3}' AND {2}",
          producer, sub.consumer, TypeCondition(sub.event_types), since));
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
  std::unique_ptr<bus::AmqpConnection> conn;
  for (const auto& sub : service::Subscriptions()) {
    std::vector<std::pair<std::string, std::int64_t*>> queues{{bus::ParkingQueue(sub.consumer), &b.parked}};
    for (const auto delay : sub.retry_delays) queues.emplace_back(bus::RetryQueue(sub.consumer, delay), &b.in_retry);
    for (const auto& [queue, total] : queues) {
      if (conn == nullptr) {
        auto opened = bus::AmqpConnection::Open(amqp_url, "chaos-audit");
        if (!opened.ok()) throw std::runtime_error("broker: " + std::string(opened.status().message()));
        conn = *std::move(opened);
      }
      auto depth = conn->QueueDepth(queue);
      if (depth.ok()) {
        *total += *depth;
      } else if (depth.status().code() == absl::StatusCode::kNotFound) {
        conn.reset();  // a queue never declared holds nothing; the channel is closed now
      } else {
        throw std::runtime_error("broker: " + std::string(depth.status().message()));
      }
    }
  }
  return b;
}

// The effects of organization.created since `since` that have no unique
// key of their own to stop a second one: the welcome e-mail (comms), and as
// a check of the others, billing settings and the default pipeline.
void CountOrganizationEffects(Db& db, const std::string& since, Counts& c) {
  const char* const kEffects[] = {
      "SELECT count(*) FROM comms.outbound_emails e WHERE e.source_event_id = o.event_id",
      "SELECT count(*) FROM billing.billing_settings b WHERE b.org_id = o.aggregate_id::uuid",
      "SELECT count(*) FROM core.pipelines p WHERE p.org_id = o.aggregate_id::uuid AND p.is_default",
  };
  for (const char* effect : kEffects) {
    const auto row = db.Query(fmt::format(
        "SELECT count(*), count(*) FILTER (WHERE n = 0), coalesce(sum(n - 1) FILTER (WHERE n > 1), 0) FROM "
        "(SELECT ({}) AS n FROM auth.outbox o WHERE o.event_type = 'organization.created' AND o.created_at >= '{}') x",
        effect, since));
    c.effects += std::stoll(row[0][0]);
    c.effects_missing += std::stoll(row[0][1]);
    c.events_duplicated += std::stoll(row[0][2]);
  }
}

// What the database holds for the ledger's writes.
void CountWrites(Db& db, const Ledger& ledger, Counts& c) {
  struct Row {
    std::int64_t count = 0;
    std::string id;
    std::int64_t version = 0;
    bool archived = false;
  };
  std::map<std::string, Row> leads;  // by marker (the Idempotency-Key)
  for (auto& r : db.Query("SELECT substr(company, 7), count(*), min(id::text), max(version), "
                          "bool_or(archived_at IS NOT NULL) FROM core.leads WHERE company LIKE 'chaos %' GROUP BY 1")) {
    leads[r[0]] = {std::stoll(r[1]), r[2], std::stoll(r[3]), r[4] == "t"};
  }
  std::map<std::string, Row> clients;
  for (auto& r : db.Query("SELECT substr(notes, 7), count(*), min(id::text) FROM core.clients "
                          "WHERE notes LIKE 'chaos %' GROUP BY 1")) {
    clients[r[0]] = {std::stoll(r[1]), r[2]};
  }
  std::map<std::string, std::int64_t> owners;  // by e-mail
  for (auto& r : db.Query("SELECT email, count(*) FROM auth.users WHERE email LIKE 'chaos-%' GROUP BY 1")) {
    owners[r[0]] = std::stoll(r[1]);
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> events;  // (aggregate id, type)
  for (auto& r : db.Query("SELECT aggregate_id, event_type, count(*) FROM core.outbox WHERE event_type IN "
                          "('lead.created', 'lead.updated', 'lead.deleted', 'client.created') GROUP BY 1, 2")) {
    events[{r[0], r[1]}] = std::stoll(r[2]);
  }
  const auto count = [&events](const std::string& id, const char* type) {
    auto e = events.find({id, type});
    return e == events.end() ? std::int64_t{0} : e->second;
  };
  // Writes expected `want` times, found `got` times.
  std::string what;
  const auto tally = [&c, &what](std::int64_t want, std::int64_t got, const char* part) {
    if (got < want) c.writes_lost += want - got;
    if (got > want) c.writes_duplicated += got - want;
    if (got == want) c.present_once += want;
    if (got != want && c.examples.size() < 10) c.examples.push_back(fmt::format("{} {}: {} of {}", what, part, got, want));
  };
  for (const auto& lead : ledger.leads) {
    c.acknowledged += 1 + lead.updates + (lead.deleted ? 1 : 0);
    what = fmt::format("lead {} (key {})", lead.id, lead.key);
    const auto it = leads.find(lead.key);
    const Row row = it == leads.end() ? Row{} : it->second;
    if (row.count != 1 || row.id != lead.id) {
      // The acknowledged lead is not the one row with its key: its create
      // and everything done to it count as lost, rows beyond one as doubled.
      tally(1 + lead.updates + (lead.deleted ? 1 : 0), row.count == 1 ? 0 : std::min<std::int64_t>(row.count, 1), "row");
      if (row.count > 1) c.writes_duplicated += row.count - 1;
      continue;
    }
    tally(1, count(lead.id, "lead.created"), "lead.created");
    tally(lead.updates, count(lead.id, "lead.updated"), "lead.updated");
    tally(lead.deleted ? 1 : 0, row.archived ? count(lead.id, "lead.deleted") : 0, "lead.deleted");
    // Each change is one step of the version, whatever its events say.
    const std::int64_t steps = lead.updates + (lead.deleted ? 1 : 0);
    if (row.version - 1 != steps) tally(steps, row.version - 1, "version");
  }
  for (const auto& client : ledger.clients) {
    ++c.acknowledged;
    what = fmt::format("client {} (key {})", client.id, client.key);
    const auto it = clients.find(client.key);
    const Row row = it == clients.end() ? Row{} : it->second;
    if (row.count != 1 || row.id != client.id) {
      tally(1, row.count == 1 ? 0 : std::min<std::int64_t>(row.count, 1), "row");
      if (row.count > 1) c.writes_duplicated += row.count - 1;
      continue;
    }
    tally(1, count(client.id, "client.created"), "client.created");
  }
  for (const auto& email : ledger.signups) {
    ++c.acknowledged;
    what = "organization of " + email;
    const auto it = owners.find(email);
    tally(1, it == owners.end() ? 0 : it->second, "owner");
  }
  // Creates that never got an answer may or may not have happened; never twice.
  for (const auto& key : ledger.unanswered_keys) {
    for (const auto* rows : {&leads, &clients}) {
      const auto it = rows->find(key);
      if (it != rows->end() && it->second.count > 1) c.writes_duplicated += it->second.count - 1;
    }
  }
}

}  // namespace

std::int64_t ParkedNow(const std::string& amqp_url) { return Queues(amqp_url).parked; }

std::string DatabaseNow(const std::string& db_url) {
  Db db(db_url);
  return db.Query("SELECT now()::text").at(0).at(0);
}

Counts Audit(const Ledger& ledger, const std::string& db_url, const std::string& amqp_url, const Baseline& before) {
  using namespace std::chrono_literals;
  Db db(db_url);
  Counts c;
  // Until everything committed has reached every consumer, or 5 minutes.
  const auto limit = std::chrono::steady_clock::now() + 300s;
  Delivery d;
  Broker b;
  for (;;) {
    d = Deliveries(db, before.since);
    b = Queues(amqp_url);
    const bool settled = d.missing == 0 && d.unpublished == 0 && b.in_retry == 0;
    if (settled || std::chrono::steady_clock::now() > limit) break;
    std::this_thread::sleep_for(1s);
  }
  CountWrites(db, ledger, c);
  CountOrganizationEffects(db, before.since, c);
  c.deliveries = d.expected;
  c.parked = b.parked - before.parked;
  c.in_retry = b.in_retry;
  c.unpublished = d.unpublished;
  // A parked event is not applied either; it is counted once, as parked.
  c.events_lost = std::max<std::int64_t>(0, d.missing - c.parked) + c.effects_missing;
  c.applied_once = c.deliveries - d.missing;
  return c;
}

}  // namespace sentra::chaos

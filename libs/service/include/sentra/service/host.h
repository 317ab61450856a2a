// Everything a Sentra service process has in common, so its main.cc only
// wires: validated config, JSON logs, the database pool and migrations, the
// outbox relay, the event consumer, the gRPC server with health checking
// (overall, "db" and "broker"), and a graceful stop on SIGTERM/SIGINT.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sentra/bus/consumer.h"
#include "sentra/bus/outbox_relay.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/migrations.h"
#include "sentra/db/pool.h"
#include "sentra/jobs/worker.h"
#include "sentra/log/logging.h"
#include "sentra/service/event_handlers.h"

namespace grpc {
class Service;
}

namespace sentra::service {

// SENTRA_MIGRATIONS: who applies the schema migrations.
enum class MigrationMode {
  kApply,  // "apply" (default): this process, before it serves
  kOnly,   // "only": this process, which then exits (a Kubernetes Job)
  kAwait,  // "await": someone else (that Job); start once they are applied
};

struct HostConfig {
  std::string name;
  std::string grpc_addr;
  std::string db_url;
  std::string amqp_url;
  log::LogOptions log;
  int db_pool_size = 16;
  std::chrono::milliseconds shutdown_grace{10000};
  MigrationMode migrations = MigrationMode::kApply;
};

class ServiceHost {
 public:
  // Reads SENTRA_* configuration; a bad value ends the process with one line.
  explicit ServiceHost(std::string name);
  ~ServiceHost();

  // Applies the tenancy, bus and service migrations; exits on failure. With
  // SENTRA_MIGRATIONS=only it exits after them; with "await" it applies
  // nothing and waits until they are applied (or a stop signal).
  void Migrate(std::span<const db::Migration> migrations);

  db::Pool& pool() { return *pool_; }
  const bus::OutboxWriter& outbox() const { return outbox_; }
  // Where main wires the service's event handlers (its src/event_handlers.cc).
  EventHandlers& events() { return *events_; }
  const HostConfig& config() const { return config_; }

  void AddService(grpc::Service* service) { services_.push_back(service); }

  // Durable background jobs (sentra/jobs): register each kind's handler and
  // the recurring schedules here; the worker runs from Run() until the stop
  // signal, on every replica.
  jobs::Worker& jobs() { return *jobs_; }

  // Serves until SIGTERM or SIGINT, then drains and returns the exit code.
  int Run();

 private:
  HostConfig config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<db::Pool> consumer_pool_;
  bus::OutboxWriter outbox_;
  std::unique_ptr<bus::Consumer> consumer_;
  std::unique_ptr<EventHandlers> events_;
  std::unique_ptr<bus::OutboxRelay> relay_;
  std::vector<grpc::Service*> services_;
  std::unique_ptr<db::Pool> jobs_pool_;
  std::unique_ptr<jobs::Worker> jobs_;
  std::span<const db::Migration> migrations_;

  // For "await": true once every migration is applied; false when a stop
  // signal came first.
  bool AwaitMigrations();
  // Every migration component of this service's schema, in the order applied.
  std::vector<std::pair<std::string, std::span<const db::Migration>>> Components() const;
  absl::StatusOr<int> Pending();
};

}  // namespace sentra::service

#include "sentra/service/host.h"

#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <signal.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "fmt/format.h"
#include "sentra/bus/migrations.h"
#include "sentra/common/v1/service_info.grpc.pb.h"
#include "sentra/config/env_reader.h"
#include "sentra/db/statement_reads.h"
#include "sentra/db/tenancy.h"
#include "sentra/log/logging.h"
#include "sentra/service/access_guard.h"
#include "sentra/service/runtime.h"
#include "sentra/service/bus_gauges.h"
#include "sentra/service/free_memory.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/job_gauges.h"
#include "sentra/service/periodic.h"
#include "sentra/service/request_log.h"
#include "sentra/service/subscriptions.h"

namespace sentra::service {

namespace {

// Names this process in job leases and logs: service, host and pid.
std::string WorkerId(const std::string& service) {
  char host[256] = {};
  ::gethostname(host, sizeof(host) - 1);
  return fmt::format("{}@{}:{}", service, host, ::getpid());
}

// This process's resident set (VmRSS of /proc/self/status), or -1.
std::int64_t ResidentBytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) return std::strtoll(line.c_str() + 6, nullptr, 10) * 1024;  // "… kB"
  }
  return -1;
}

class ServiceInfoImpl final : public common::v1::ServiceInfoService::Service {
 public:
  ServiceInfoImpl(std::string name, const BusGauges& gauges, const JobGauges& jobs)
      : name_(std::move(name)), gauges_(gauges), jobs_(jobs) {}
  grpc::Status GetServiceInfo(grpc::ServerContext*, const common::v1::GetServiceInfoRequest*,
                              common::v1::ServiceInfo* out) override {
    out->set_name(name_);
    out->set_version(SENTRA_VERSION);
    out->set_started_at_unix(started_);
    out->set_outbox_unpublished(gauges_.outbox_unpublished());
    out->set_outbox_oldest_unpublished_seconds(gauges_.outbox_oldest_unpublished_seconds());
    out->set_parked_events(gauges_.parked_events());
    for (const db::StatementReads& reads : db::StatementReadsSoFar()) {
      auto* r = out->add_statement_reads();
      r->set_statement(reads.statement);
      r->set_results(reads.results);
      r->set_bytes(reads.bytes);
      r->set_largest_bytes(reads.largest_bytes);
    }
    out->set_resident_bytes(ResidentBytes());
    for (const jobs::KindStats& kind : jobs_.Snapshot()) {
      auto* q = out->add_jobs();
      q->set_kind(kind.kind);
      q->set_queued(kind.queued);
      q->set_running(kind.running);
      q->set_failed(kind.failed);
      q->set_oldest_due_seconds(kind.oldest_due_seconds);
    }
    return grpc::Status::OK;
  }

 private:
  std::string name_;
  const BusGauges& gauges_;
  const JobGauges& jobs_;
  std::int64_t started_ = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count();
};

HostConfig ReadConfig(const std::string& name) {
  auto lookup = config::ProcessEnvironment();
  config::ExitIfInvalid(lookup.status(), name);
  config::EnvReader env(*lookup);
  HostConfig c;
  c.name = name;
  c.grpc_addr = env.String("SENTRA_GRPC_ADDR");
  c.db_url = env.String("SENTRA_DB_URL");
  c.amqp_url = env.String("SENTRA_AMQP_URL");
  c.log = log::ReadLogOptions(env);
  c.db_pool_size = static_cast<int>(env.Int("SENTRA_DB_POOL_SIZE", 16, 1, 500));
  c.shutdown_grace = env.Duration("SENTRA_SHUTDOWN_GRACE", std::chrono::seconds(10));
  const std::string migrations = env.String("SENTRA_MIGRATIONS", "apply");
  if (migrations == "only") {
    c.migrations = MigrationMode::kOnly;
  } else if (migrations == "await") {
    c.migrations = MigrationMode::kAwait;
  } else if (migrations != "apply") {
    config::ExitIfInvalid(absl::InvalidArgumentError("SENTRA_MIGRATIONS: must be apply, only or await"), name);
  }
  config::ExitIfInvalid(env.status(), name);
  return c;
}

// Blocks the stop signals in every thread (threads inherit the mask), so that
// only Run()'s sigwait sees them.
sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

ServiceHost::ServiceHost(std::string name) : config_(ReadConfig(name)), outbox_(name) {
  sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  log::Init(config_.name, config_.log);
  StopLockOrderTracking();
  pool_ = std::make_unique<db::Pool>(db::PoolOptions{.url = config_.db_url, .size = config_.db_pool_size});
  // The consumer's own connections: requests holding every pooled one must
  // not make events wait, nor fail them.
  consumer_pool_ = std::make_unique<db::Pool>(db::PoolOptions{.url = config_.db_url, .size = 2});
  consumer_ = std::make_unique<bus::Consumer>(
      bus::ConsumerOptions{.consumer = config_.name, .amqp_url = config_.amqp_url}, *consumer_pool_);
  events_ = std::make_unique<EventHandlers>(*consumer_, outbox_);
  // The jobs' own connections, like the consumer's.
  // One per worker thread, and one for the housekeeping and the gauges.
  jobs_pool_ = std::make_unique<db::Pool>(db::PoolOptions{.url = config_.db_url, .size = 4});
  jobs_ = std::make_unique<jobs::Worker>(jobs::WorkerOptions{.worker_id = WorkerId(config_.name)}, *jobs_pool_);
}

ServiceHost::~ServiceHost() = default;

void ServiceHost::Migrate(std::span<const db::Migration> migrations) {
  migrations_ = migrations;
  if (config_.migrations == MigrationMode::kAwait) {
    // Before anything (auth's signing keys, the relay, the consumer) reads
    // the schema. Waiting here is harmless under a startup probe, unlike a
    // migration that a probe's restart would cut off halfway.
    if (!AwaitMigrations()) std::exit(0);  // stopped while waiting
    return;
  }
  // The database may still be starting (compose, k8s): retry for a while.
  for (int attempt = 0;; ++attempt) {
    auto conn = pool_->Acquire();
    absl::Status status = conn.status();
    if (status.ok()) {
      for (const auto& [component, list] : Components()) {
        if (status.ok()) status = db::ApplyMigrations(**conn, config_.name, component, list).status();
      }
    }
    if (status.ok() && config_.migrations == MigrationMode::kOnly) {
      spdlog::info("{} migrations applied; exiting (SENTRA_MIGRATIONS=only)", config_.name);
      std::exit(0);
    }
    if (status.ok()) return;
    if (status.code() != absl::StatusCode::kUnavailable || attempt >= 30) {
      spdlog::critical("migrations failed: {}", std::string(status.message()));
      std::exit(1);
    }
    spdlog::warn("database not ready ({}), retrying", std::string(status.message()));
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

std::vector<std::pair<std::string, std::span<const db::Migration>>> ServiceHost::Components() const {
  // In this order: the tenancy helpers first, which the others use.
  return {{"tenancy", db::TenancyMigrations()},
          {"bus", bus::Migrations()},
          {"idempotency", idempotency::Migrations()},
          {"jobs", jobs::Migrations()},
          {config_.name, migrations_}};
}

absl::StatusOr<int> ServiceHost::Pending() {
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  int pending = 0;
  for (const auto& [component, list] : Components()) {
    auto n = db::PendingMigrations(**conn, component, list);
    if (!n.ok()) return n.status();
    pending += *n;
  }
  return pending;
}

bool ServiceHost::AwaitMigrations() {
  sigset_t signals = StopSignals();
  for (bool said = false;;) {
    auto pending = Pending();
    if (pending.ok() && *pending == 0) {
      spdlog::info("{}: every migration is applied", config_.name);
      return true;
    }
    if (!said) {
      spdlog::info("{}: waiting for the migrations to be applied ({})", config_.name,
                   pending.ok() ? fmt::format("{} pending", *pending) : std::string(pending.status().message()));
      said = true;
    }
    timespec every{2, 0};
    if (sigtimedwait(&signals, nullptr, &every) > 0) return false;
  }
}

int ServiceHost::Run() {
  if (auto s = CheckSubscription(config_.name, consumer_->event_types()); !s.ok()) {
    spdlog::critical("{}", std::string(s.message()));
    return 1;
  }
  relay_ = std::make_unique<bus::OutboxRelay>(bus::RelayOptions{.db_url = config_.db_url,
                                                                .amqp_url = config_.amqp_url,
                                                                .schema = config_.name,
                                                                .subscriptions = Subscriptions()});

  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config_.grpc_addr, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  // The synchronous server ends a request thread whenever more than
  // MAX_POLLERS (2 by default) wait for work, and starts one whenever none
  // does: under concurrent load that is a thread created and destroyed every
  // few requests, which the profile showed (README, "Performance"). Idle
  // threads up to the pool's size stay: more could not run at once anyway.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              std::max(2, config_.db_pool_size));
  BusGauges gauges(config_.name, config_.amqp_url, *pool_);
  JobGauges job_gauges(*jobs_pool_, jobs_->kinds());
  ServiceInfoImpl info(config_.name, gauges, job_gauges);
  builder.RegisterService(&info);
  for (grpc::Service* service : services_) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(NewRequestLogFactory());
  interceptors.push_back(NewAccessGuardFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    spdlog::critical("cannot listen on {}", config_.grpc_addr);
    return 1;
  }
  spdlog::info("{} serving gRPC on {} (malloc: {})", config_.name, config_.grpc_addr, AllocatorName());
  auto* health = server->GetHealthCheckService();
  relay_->Start();
  consumer_->Start();

  // Readiness parts the gateway's /readyz reports: "db" and "broker".
  Periodic checker(std::chrono::seconds(2), [&] {
    const bool db_ok = pool_->Ping().ok();
    // A consumer waiting out a database outage has let go of the broker on
    // purpose; the "db" part reports that outage.
    const bool broker_ok = consumer_->connected() || consumer_->paused();
    health->SetServingStatus("db", db_ok);
    health->SetServingStatus("broker", broker_ok);
  });
  // Apart from the health checks, which an unreachable broker must not delay.
  Periodic gauge_reader(std::chrono::seconds(2), [&] {
    gauges.Refresh();
    job_gauges.Refresh();
  });
  // Idempotency keys older than a day, a batch at a time.
  Periodic key_pruner(std::chrono::minutes(10), [&] {
    auto pruned = PruneIdempotencyKeys(*pool_);
    if (!pruned.ok()) spdlog::warn("pruning idempotency keys: {}", std::string(pruned.status().message()));
    if (pruned.ok() && *pruned > 0) spdlog::info("pruned {} idempotency keys", *pruned);
  });
  // What a burst of large pages left free goes back to the system.
  Periodic memory_release(std::chrono::seconds(kReleaseFreeMemorySeconds), [] { ReleaseFreeMemory(); });
  checker.Start();
  gauge_reader.Start();
  key_pruner.Start();
  memory_release.Start();
  jobs_->Start();

  sigset_t signals = StopSignals();
  int signal = 0;
  sigwait(&signals, &signal);
  spdlog::info("{} stopping on signal {}", config_.name, signal);

  checker.Stop();  // first, or a round in progress could report "db" up again
  gauge_reader.Stop();
  key_pruner.Stop();
  memory_release.Stop();
  health->SetServingStatus(false);  // load balancers stop sending new calls
  server->Shutdown(std::chrono::system_clock::now() + config_.shutdown_grace);
  consumer_->Stop();
  jobs_->Stop();  // the runs in progress finish; the rest wait for another replica
  relay_->Stop();
  spdlog::info("{} stopped", config_.name);
  return 0;
}

}  // namespace sentra::service

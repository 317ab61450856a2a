// Benchmark of the hot path (README, "Performance"): what the database can
// do for a one-row read (pgbench, the very transaction core runs), then
// through the gateway and straight to core over gRPC: the read, a create
// with its outbox row and a list page of 50. Each row prints req/s, p50,
// p99 and the CPU time per request of core and of the gateway; then the
// latency the gateway adds on one connection and each process's memory.
// Exits non-zero when any request failed: such figures measure errors.
//
// Run: deploy/sentra bench [seconds] [connections]
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "bench_support.h"
#include "sentra/core/v1/leads.grpc.pb.h"
#include "sentra/service/metadata.h"

namespace {

using namespace sentra::bench;

constexpr int kListPage = 50;

// The statements core runs for GET /v1/leads/{id} (libs/db transaction.cc,
// core lead_repository.cc), with the ids written in.
std::string ReadTransaction(const Tenant& tenant, const std::string& lead_id) {
  return "BEGIN READ ONLY;\n"
         "SELECT set_config('sentra.org_id', '" + tenant.org_id + "', true), set_config('sentra.user_id', '" +
         tenant.user_id + "', true), set_config('sentra.brands', '*', true), set_config('sentra.client_id', '', true), "
         "set_config('statement_timeout', current_setting('statement_timeout'), true);\n"
         "SELECT id, name, coalesce(email, ''), coalesce(phone, ''), coalesce(company, ''), source, status, score, "
         "coalesce(notes, ''), coalesce(owner_id::text, ''), array_to_json(tags)::text, version, "
         "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint, "
         "coalesce(brand_id::text, ''), coalesce(client_id::text, ''), custom_fields::text "
         "FROM leads WHERE org_id = '" + tenant.org_id + "' AND id = '" + lead_id + "' AND archived_at IS NULL;\n"
         "COMMIT;\n";
}

// pgbench's transactions per second for that transaction, as core's role;
// 0 when pgbench or core's database URL is not at hand.
double PgbenchTps(const Tenant& tenant, const std::string& lead_id, int seconds, int connections) {
  const char* pgbench = std::getenv("SENTRA_BENCH_PGBENCH");
  const char* url = std::getenv("SENTRA_BENCH_CORE_DB_URL");
  if (pgbench == nullptr || url == nullptr) return 0;
  const std::string script = std::filesystem::temp_directory_path() / ("sentra-bench-" + tenant.org_id + ".sql");
  std::ofstream(script) << ReadTransaction(tenant, lead_id);
  const std::string command = std::string(pgbench) + " -n -M prepared -j 2 -c " + std::to_string(connections) +
                              " -T " + std::to_string(seconds) + " -f " + script + " '" + url + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> out(popen(command.c_str(), "r"), pclose);
  double tps = 0;
  char line[512];
  while (out && std::fgets(line, sizeof line, out.get()) != nullptr) {
    if (std::sscanf(line, "tps = %lf", &tps) == 1) break;
  }
  std::filesystem::remove(script);
  return tps;
}

struct Row {
  const char* name;
  int connections;
  Result result;
  std::vector<double> cpu_micros;  // core, gateway
};

void PrintHeader() {
  std::printf("%-34s %5s %9s %9s %9s %7s %12s %12s\n", "", "conns", "req/s", "p50 ms", "p99 ms", "errors",
              "core µs/req", "gateway µs/req");
}

bool Print(const Row& row) {
  std::printf("%-34s %5d %9.0f %9.2f %9.2f %7llu %12.0f %12.0f\n", row.name, row.connections, row.result.PerSecond(),
              row.result.Percentile(0.50), row.result.Percentile(0.99),
              static_cast<unsigned long long>(row.result.errors), row.cpu_micros[0], row.cpu_micros[1]);
  return row.result.errors == 0;
}

// Measures `make_worker` as a row, with the CPU core and the gateway spent on it.
template <typename MakeWorker>
Row Measure(const char* name, const Processes& processes, int connections, int seconds, MakeWorker make_worker) {
  const CpuMeter cpu(processes, {"core", "gateway"});
  Result result = Load(connections, seconds, make_worker);
  return {name, connections, result, cpu.MicrosPerRequest(result.requests)};
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 10;
  const int connections = argc > 2 ? std::atoi(argv[2]) : 32;
  const Target gateway = GatewayTarget();
  const Processes processes;
  const char* core_addr = std::getenv("SENTRA_TEST_CORE_ADDR");

  // Set-up through the API: an organization, one lead to read, a page's worth to list.
  const Tenant tenant = SignUp(gateway);
  Connection setup(gateway);
  const std::string lead_id = JsonField(
      setup.Send(Request(gateway, http::verb::post, "/v1/leads", tenant.token,
                         R"({"name":"Benchmark Lead","email":"lead@example.com"})"))
          .body(),
      "id");
  for (int i = 0; i < kListPage; ++i) {
    setup.Send(Request(gateway, http::verb::post, "/v1/leads", tenant.token,
                       R"({"name":"Listed )" + std::to_string(i) + R"(","company":"Bench Ltd"})"));
  }
  if (lead_id.empty()) {
    std::fprintf(stderr, "set-up failed: no lead\n");
    return 1;
  }
  std::vector<std::pair<std::string, double>> idle_rss;
  for (const auto& name : processes.names()) idle_rss.emplace_back(name, processes.RssMiB(name));

  std::printf("Hot path, %d s per run, on this machine (%u cores shared by the load, the services, PostgreSQL and "
              "RabbitMQ)\n",
              seconds, std::thread::hardware_concurrency());
  {
    // What they spend with no requests (timers, the relay's and the
    // consumer's rounds): part of every per-request figure below.
    const CpuMeter idle(processes, {"core", "gateway"});
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const auto per_second = idle.MicrosPerRequest(3);
    std::printf("idle: core %.1f ms of CPU a second, gateway %.1f ms\n", per_second[0] / 1000, per_second[1] / 1000);
  }
  const double pg_tps = PgbenchTps(tenant, lead_id, seconds, connections);
  if (pg_tps > 0) std::printf("pgbench, the same read transaction as core's role: %.0f tps at %d connections\n", pg_tps, connections);

  PrintHeader();
  const auto gateway_get = [&](const std::string& path) {
    return [&, path] {
      auto conn = std::make_shared<Connection>(gateway);
      auto request = Request(gateway, http::verb::get, path, tenant.token);
      return [conn, request] { return conn->Send(request).result_int() == 200; };
    };
  };
  const auto direct_get = [&] {
    auto channel = grpc::CreateChannel(core_addr, grpc::InsecureChannelCredentials());
    auto stub = std::shared_ptr<sentra::core::v1::LeadService::Stub>(sentra::core::v1::LeadService::NewStub(channel));
    return [stub, &tenant, &lead_id] {
      grpc::ClientContext context;
      // What the gateway sends: the access guard refuses a call without the
      // permission the RPC declares.
      context.AddMetadata(sentra::service::kOrgIdKey, tenant.org_id);
      context.AddMetadata(sentra::service::kUserIdKey, tenant.user_id);
      context.AddMetadata(sentra::service::kRoleKey, "owner");
      context.AddMetadata(sentra::service::kPermissionsKey, "leads:read");
      context.AddMetadata(sentra::service::kBrandAccessKey, "*");
      sentra::core::v1::GetLeadRequest request;
      request.set_id(lead_id);
      sentra::core::v1::Lead response;
      return stub->GetLead(&context, request, &response).ok();
    };
  };

  std::vector<Row> rows;
  rows.push_back(Measure("GET /v1/leads/{id} via gateway", processes, connections, seconds,
                         gateway_get("/v1/leads/" + lead_id)));
  if (core_addr != nullptr) {
    rows.push_back(Measure("GetLead, gRPC straight to core", processes, connections, seconds, direct_get));
  }
  rows.push_back(Measure("POST /v1/leads via gateway", processes, connections, seconds, [&] {
    auto conn = std::make_shared<Connection>(gateway);
    auto request = Request(gateway, http::verb::post, "/v1/leads", tenant.token,
                           R"({"name":"Written","email":"written@example.com","source":"website"})");
    return [conn, request] { return conn->Send(request).result_int() == 201; };
  }));
  rows.push_back(Measure("GET /v1/leads?limit=50 via gateway", processes, connections, seconds,
                         gateway_get("/v1/leads?limit=50&status=new&q=listed")));
  bool clean = true;
  for (const auto& row : rows) clean = Print(row) && clean;
  if (pg_tps > 0) {
    std::printf("the read through the gateway reached %.0f %% of pgbench's tps\n",
                100.0 * rows[0].result.PerSecond() / pg_tps);
  }

  // The gateway's own latency: the same read on one connection, both ways.
  if (core_addr != nullptr) {
    const Row one_gateway = Measure("GET via gateway, 1 connection", processes, 1, seconds,
                                    gateway_get("/v1/leads/" + lead_id));
    const Row one_direct = Measure("GetLead direct, 1 connection", processes, 1, seconds, direct_get);
    clean = Print(one_gateway) && Print(one_direct) && clean;
    std::printf("the gateway adds %.0f µs at p50 on one connection\n",
                1000.0 * (one_gateway.result.Percentile(0.5) - one_direct.result.Percentile(0.5)));
  }

  std::printf("memory (MiB)        %-10s %-10s %-10s\n", "idle", "now", "peak");
  for (const auto& [name, idle] : idle_rss) {
    std::printf("  %-17s %-10.1f %-10.1f %-10.1f\n", name.c_str(), idle, processes.RssMiB(name),
                processes.PeakRssMiB(name));
  }
  return clean ? 0 : 1;
}

// One tenant's largest rows against everyone else: the attack an
// adversarial review found, rerun as a benchmark. An attacker fills its
// organization with the largest orders a request may write (200 lines of
// 1,000 four-byte characters each, ~800 KB a request) and the most custom
// fields its leads may have, then lists them from many connections at once,
// while another organization reads its own leads. Printed: core's and the
// gateway's memory before, at the peak and after, the other organization's
// latency before and during, and the attacker's own timings.
//
// Run: deploy/sentra bench attack [orders] [seconds] [connections]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"

using namespace sentra::bench;

namespace {

// 1,000 characters of four bytes (U+1D11E, a musical symbol), as JSON text.
std::string LongDescription() {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "\xF0\x9D\x84\x9E";
  return text;
}

std::string LargestOrder(const std::string& client_id) {
  const std::string line = R"({"description":")" + LongDescription() + R"(","unit_price":"1"})";
  std::string body = R"({"client_id":")" + client_id + R"(","currency":"EUR","lines":[)";
  for (int i = 0; i < 200; ++i) body += (i ? "," : "") + line;
  return body + "]}";
}

// A multiselect of 100 options of ~100 characters, 10,000 bytes in all: the most one may have.
std::string LargestField(int n) {
  std::string body = R"({"entity":"lead","key":"f)" + std::to_string(n) +
                     R"(","label":"Field","type":"multiselect","options":[)";
  for (int i = 0; i < 100; ++i) body += (i ? ",\"" : "\"") + std::to_string(1000 + i) + std::string(95, 'x') + "\"";
  return body + "]}";
}

void PrintMemory(const char* when, const Processes& processes) {
  std::printf("  %-28s core %7.1f MiB   gateway %7.1f MiB\n", when, processes.RssMiB("core"),
              processes.RssMiB("gateway"));
}

// The other organization's reads of its own lead list for `seconds`.
Result VictimReads(const Target& gateway, const std::string& token, int seconds) {
  return Load(2, seconds, [&] {
    return [conn = std::make_shared<Connection>(gateway),
            request = Request(gateway, http::verb::get, "/v1/leads?limit=50", token)] {
      return conn->Send(request).result_int() == 200;
    };
  });
}

}  // namespace

int main(int argc, char** argv) {
  const int orders = argc > 1 ? std::atoi(argv[1]) : 220;
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
  const int connections = argc > 3 ? std::atoi(argv[3]) : 8;
  const Target gateway = GatewayTarget();
  const Processes processes;
  const Tenant victim = SignUp(gateway);
  const Tenant attacker = SignUp(gateway);
  Connection setup(gateway);
  for (int i = 0; i < 20; ++i) {
    setup.Send(Request(gateway, http::verb::post, "/v1/leads", victim.token, R"({"name":"Ordinary lead"})"));
  }
  std::printf("Tenant attack: %d orders of 200 lines of 1,000 four-byte characters, 100 custom fields of the "
              "largest options; %d connections listing for %d s\n",
              orders, connections, seconds);
  PrintMemory("idle", processes);
  const Result calm = VictimReads(gateway, victim.token, seconds);

  const std::string client = JsonField(
      setup.Send(Request(gateway, http::verb::post, "/v1/clients", attacker.token, R"({"name":"Attacker"})")).body(),
      "id");
  const std::string order = LargestOrder(client);
  const auto writing = std::chrono::steady_clock::now();
  int stored = 0;
  for (int i = 0; i < orders; ++i) {
    stored += setup.Send(Request(gateway, http::verb::post, "/v1/orders", attacker.token, order)).result_int() == 201;
  }
  const double write_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - writing).count();
  int fields = 0;
  for (int i = 0; i < 100; ++i) {
    fields +=
        setup.Send(Request(gateway, http::verb::post, "/v1/custom-fields", attacker.token, LargestField(i)))
                .result_int() == 201;
  }
  std::printf("  stored %d orders (%.0f ms each, %zu bytes a request) and %d custom fields\n", stored,
              write_seconds * 1000 / std::max(orders, 1), order.size(), fields);
  PrintMemory("after the writes", processes);

  // The attack: many connections listing the largest page they may ask for;
  // then again, with the other organization measured meanwhile.
  const auto attack_load = [&] {
    return Load(connections, seconds, [&] {
      return [conn = std::make_shared<Connection>(gateway),
              request = Request(gateway, http::verb::get, "/v1/orders?limit=200", attacker.token)] {
        return conn->Send(request).result_int() == 200;
      };
    });
  };
  const Result attack = attack_load();
  std::thread again([&] { attack_load(); });
  const Result during = VictimReads(gateway, victim.token, seconds);
  again.join();
  const double peak_core = processes.PeakRssMiB("core");
  const double peak_gateway = processes.PeakRssMiB("gateway");
  std::printf("  %-28s core %7.1f MiB   gateway %7.1f MiB\n", "peak (VmHWM)", peak_core, peak_gateway);
  std::this_thread::sleep_for(std::chrono::seconds(5));
  PrintMemory("5 s after the attack", processes);
  // What an allocator gives back takes a while: some return pages only
  // after a decay time, or when memory is allocated again.
  std::this_thread::sleep_for(std::chrono::seconds(25));
  PrintMemory("30 s after the attack", processes);

  // Writes checked against the largest definitions, and those definitions listed.
  const Result lead_writes = Load(1, 3, [&] {
    return [conn = std::make_shared<Connection>(gateway),
            request = Request(gateway, http::verb::post, "/v1/leads", attacker.token, R"({"name":"Checked"})")] {
      return conn->Send(request).result_int() == 201;
    };
  });
  const Result field_lists = Load(connections, 3, [&] {
    return [conn = std::make_shared<Connection>(gateway),
            request = Request(gateway, http::verb::get, "/v1/custom-fields?limit=200", attacker.token)] {
      return conn->Send(request).result_int() == 200;
    };
  });
  PrintMemory("after the field lists", processes);

  std::printf("\n  %-44s %9s %9s %9s %8s\n", "", "req/s", "p50 ms", "p95 ms", "errors");
  const auto row = [](const char* what, const Result& r) {
    std::printf("  %-44s %9.1f %9.2f %9.2f %8llu\n", what, r.PerSecond(), r.Percentile(0.5), r.Percentile(0.95),
                static_cast<unsigned long long>(r.errors));
  };
  row("other org's lead list, before", calm);
  row("other org's lead list, during the attack", during);
  row("attacker's order lists (limit=200)", attack);
  row("attacker's lead creates, 100 custom fields", lead_writes);
  row("attacker's custom field lists (limit=200)", field_lists);
  return calm.errors + during.errors + attack.errors + lead_writes.errors + field_lists.errors == 0 ? 0 : 1;
}

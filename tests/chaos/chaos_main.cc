// sentra_chaos DIR: the writing and counting half of `deploy/sentra chaos`
// (deploy/lib/chaos.sh does the killing). Signs up organizations, writes
// through the gateway until DIR/stop appears (after creating DIR/ready),
// then waits for the bus to settle and prints one line of counts. Exits 0
// only when nothing acknowledged is lost or doubled and every event was
// applied exactly once by each of its consumers.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "audit.h"
#include "fmt/format.h"
#include "writers.h"

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    std::fprintf(stderr, "sentra_chaos: %s is not set (run it through deploy/sentra chaos)\n", name);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace std::chrono_literals;
  if (argc != 2) {
    std::fprintf(stderr, "usage: sentra_chaos DIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const std::string gateway = Env("SENTRA_TEST_GATEWAY_URL");
  const int writers = std::max(1, std::atoi(std::getenv("SENTRA_CHAOS_WRITERS") ? std::getenv("SENTRA_CHAOS_WRITERS") : "4"));
  try {
    const auto orgs = sentra::chaos::SignUp(gateway, 3);
    const std::string amqp_url = Env("SENTRA_TEST_AMQP_URL");
    const std::string db_url = Env("SENTRA_TEST_STACK_DB_URL");
    const sentra::chaos::Baseline before{sentra::chaos::DatabaseNow(db_url), sentra::chaos::ParkedNow(amqp_url)};
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<sentra::chaos::Writer>> pool;
    for (int i = 0; i < writers; ++i) pool.push_back(std::make_unique<sentra::chaos::Writer>(gateway, orgs, 7919u * (i + 1)));
    std::vector<std::thread> threads;
    for (auto& w : pool) threads.emplace_back([&w, &stop] { w->Run(stop); });
    const auto started = std::chrono::steady_clock::now();
    std::ofstream(dir / "ready") << "ready\n";
    while (!std::filesystem::exists(dir / "stop")) std::this_thread::sleep_for(100ms);
    stop = true;
    for (auto& t : threads) t.join();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);

    sentra::chaos::Ledger ledger;
    for (auto& w : pool) ledger.Merge(std::move(w->ledger()));
    const auto c = sentra::chaos::Audit(ledger, db_url, amqp_url, before);
    std::string kills;
    std::getline(std::ifstream(dir / "kills"), kills);
    std::cout << fmt::format(
                     "chaos: {} in {} s, {} writers: {} writes acknowledged, {} present exactly once, {} lost, "
                     "{} duplicated; {} event deliveries, {} applied exactly once, {} parked, {} lost, {} duplicated "
                     "({} effects of {} new organizations checked)",
                     kills, seconds.count(), writers, c.acknowledged, c.present_once, c.writes_lost,
                     c.writes_duplicated, c.deliveries, c.applied_once, c.parked, c.events_lost, c.events_duplicated,
                     c.effects, ledger.signups.size())
              << std::endl;
    for (const auto& example : c.examples) std::cout << "chaos: not exactly once: " << example << std::endl;
    if (c.unpublished > 0 || c.in_retry > 0) {
      std::cout << fmt::format("chaos: not settled after 5 minutes: {} events unpublished, {} waiting to be retried",
                               c.unpublished, c.in_retry)
                << std::endl;
    }
    if (ledger.unanswered > 0) {
      std::cout << fmt::format("chaos: {} writes got no answer within 2 minutes of tries", ledger.unanswered)
                << std::endl;
    }
    if (ledger.refused > 0) {
      std::cout << fmt::format("chaos: {} answers a sound stack never gives; the first: {}", ledger.refused,
                               ledger.first_refusal)
                << std::endl;
    }
    const bool ok = c.clean() && c.unpublished == 0 && c.in_retry == 0 && ledger.unanswered == 0 && ledger.refused == 0;
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sentra_chaos: %s\n", e.what());
    return 1;
  }
}

// Logging's settings and where lines go: checked settings, a file rotated by
// size keeping the set number, and request lines at their own level.
#include "sentra/log/logging.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "sentra/config/env_reader.h"

namespace {

sentra::config::EnvReader Env(std::map<std::string, std::string> values) {
  return sentra::config::EnvReader([values](std::string_view name) -> std::optional<std::string> {
    const auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

std::size_t Lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

}  // namespace

TEST_CASE("log settings are checked: levels by name, file sizes and counts within bounds", "[unit]") {
  auto defaults = Env({});
  const auto options = sentra::log::ReadLogOptions(defaults);
  CHECK(defaults.status().ok());
  CHECK(options.level == spdlog::level::info);
  CHECK(options.request_level == spdlog::level::info);
  CHECK(options.file.empty());
  CHECK(options.max_file_bytes == 10u << 20);
  CHECK(options.max_files == 5);

  auto set = Env({{"SENTRA_LOG_LEVEL", "warn"}, {"SENTRA_REQUEST_LOG_LEVEL", "off"}, {"SENTRA_LOG_FILE", "/tmp/x.log"},
                  {"SENTRA_LOG_MAX_BYTES", "1048576"}, {"SENTRA_LOG_FILES", "3"}});
  const auto chosen = sentra::log::ReadLogOptions(set);
  CHECK(set.status().ok());
  CHECK(chosen.level == spdlog::level::warn);
  CHECK(chosen.request_level == spdlog::level::off);
  CHECK(chosen.max_files == 3);

  for (const auto& [name, value] : std::map<std::string, std::string>{{"SENTRA_LOG_LEVEL", "loud"},
                                                                       {"SENTRA_REQUEST_LOG_LEVEL", "INFO"},
                                                                       {"SENTRA_LOG_MAX_BYTES", "100"},
                                                                       {"SENTRA_LOG_FILES", "0"}}) {
    auto bad = Env({{name, value}});
    sentra::log::ReadLogOptions(bad);
    INFO(name << "=" << value);
    CHECK(std::string(bad.status().message()).find(name) != std::string::npos);
  }
}

TEST_CASE("a log file is rotated at its size, keeping the set number of old ones", "[unit]") {
  const auto dir = std::filesystem::temp_directory_path() / ("sentra-log-test-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  sentra::log::Init("rotation-test", {.file = (dir / "svc.log").string(), .max_file_bytes = 16 << 10, .max_files = 2});
  const std::string filler(200, 'x');
  for (int i = 0; i < 1000; ++i) spdlog::info("line {} {}", i, filler);
  spdlog::default_logger()->flush();
  CHECK(std::filesystem::exists(dir / "svc.log"));
  CHECK(std::filesystem::exists(dir / "svc.1.log"));
  CHECK(std::filesystem::exists(dir / "svc.2.log"));
  CHECK_FALSE(std::filesystem::exists(dir / "svc.3.log"));
  std::uintmax_t total = 0;
  for (const char* name : {"svc.log", "svc.1.log", "svc.2.log"}) {
    const auto size = std::filesystem::file_size(dir / name);
    CHECK(size <= (16u << 10));
    total += size;
  }
  // The newest lines are kept, the oldest dropped; nothing else grows.
  CHECK(total <= 3u * (16u << 10));
  CHECK(Lines(dir / "svc.log") > 0);
  std::ifstream newest(dir / "svc.log");
  std::string last, line;
  while (std::getline(newest, line)) last = line;
  CHECK(last.find("line 999 ") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("request lines have a level of their own, quieted without the rest", "[unit]") {
  sentra::log::Init("request-level-test", {.level = spdlog::level::info, .request_level = spdlog::level::debug});
  CHECK(sentra::log::RequestLevel() == spdlog::level::debug);
  CHECK_FALSE(spdlog::should_log(sentra::log::RequestLevel()));
  CHECK(spdlog::should_log(spdlog::level::info));
  sentra::log::Init("request-level-test", {.level = spdlog::level::info});
  CHECK(spdlog::should_log(sentra::log::RequestLevel()));
}

#include "sentra/config/env_reader.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "fmt/format.h"
#include "sentra/config/env_file.h"

namespace sentra::config {

absl::StatusOr<Lookup> ProcessEnvironment() {
  auto file_values = std::make_shared<std::map<std::string, std::string, std::less<>>>();
  if (const char* path = std::getenv("SENTRA_CONFIG_FILE"); path != nullptr && *path != '\0') {
    std::ifstream in(path);
    if (!in) return absl::InvalidArgumentError(fmt::format("SENTRA_CONFIG_FILE: cannot read {}", path));
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseEnvFile(text.str());
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          fmt::format("SENTRA_CONFIG_FILE: {}: {}", path, std::string(parsed.status().message())));
    }
    *file_values = *std::move(parsed);
  }
  return Lookup([file_values](std::string_view name) -> std::optional<std::string> {
    if (const char* value = std::getenv(std::string(name).c_str()); value != nullptr) return value;
    if (auto it = file_values->find(name); it != file_values->end()) return it->second;
    return std::nullopt;
  });
}

EnvReader::EnvReader(Lookup lookup) : lookup_(std::move(lookup)) {}

std::optional<std::string> EnvReader::Get(std::string_view name) {
  auto value = lookup_(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

void EnvReader::Fail(std::string_view name, std::string_view problem, std::string_view value) {
  if (!status_.ok()) return;  // keep the first problem: it is the one to fix first
  std::string message = fmt::format("{}: {}", name, problem);
  if (!value.empty()) message += fmt::format(", got '{}'", value);
  status_ = absl::InvalidArgumentError(message);
}

std::string EnvReader::String(std::string_view name) {
  auto value = Get(name);
  if (!value) {
    Fail(name, "is required but not set", "");
    return {};
  }
  return *value;
}

std::string EnvReader::String(std::string_view name, std::string_view fallback) {
  auto value = Get(name);
  return value ? *value : std::string(fallback);
}

std::int64_t EnvReader::Int(std::string_view name, std::int64_t fallback, std::int64_t min,
                            std::int64_t max) {
  auto value = Get(name);
  if (!value) return fallback;
  std::int64_t parsed = 0;
  if (!absl::SimpleAtoi(absl::string_view(*value), &parsed) || parsed < min || parsed > max) {
    Fail(name, fmt::format("expected an integer in {}..{}", min, max), *value);
    return fallback;
  }
  return parsed;
}

std::uint16_t EnvReader::Port(std::string_view name, std::uint16_t fallback) {
  return static_cast<std::uint16_t>(Int(name, fallback, 1, 65535));
}

bool EnvReader::Bool(std::string_view name, bool fallback) {
  auto value = Get(name);
  if (!value) return fallback;
  const std::string lower = absl::AsciiStrToLower(*value);
  if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "0" || lower == "false" || lower == "no" || lower == "off") return false;
  Fail(name, "expected true or false", *value);
  return fallback;
}

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  std::int64_t unit_ms = 0;
  if (text.ends_with("ms")) {
    unit_ms = 1;
    text.remove_suffix(2);
  } else if (text.ends_with("s")) {
    unit_ms = 1000;
    text.remove_suffix(1);
  } else if (text.ends_with("m")) {
    unit_ms = 60'000;
    text.remove_suffix(1);
  } else if (text.ends_with("h")) {
    unit_ms = 3'600'000;
    text.remove_suffix(1);
  }
  std::int64_t amount = 0;
  if (unit_ms == 0 || !absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &amount) || amount < 0 ||
      amount > std::numeric_limits<std::int64_t>::max() / unit_ms) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(amount * unit_ms);
}

std::chrono::milliseconds EnvReader::Duration(std::string_view name,
                                              std::chrono::milliseconds fallback) {
  auto value = Get(name);
  if (!value) return fallback;
  auto parsed = ParseDuration(*value);
  if (!parsed) {
    Fail(name, "expected a duration such as 250ms, 5s, 2m or 1h", *value);
    return fallback;
  }
  return *parsed;
}

void ExitIfInvalid(const absl::Status& status, std::string_view program) {
  if (status.ok()) return;
  std::fprintf(stderr, "%.*s: config: %.*s\n", static_cast<int>(program.size()), program.data(),
               static_cast<int>(status.message().size()), status.message().data());
  std::exit(2);
}

}  // namespace sentra::config

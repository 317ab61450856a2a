// Typed, validated reads of process configuration from environment variables
// (and an optional KEY=VALUE file), so a bad setting stops the process at start
// with one line that names it instead of failing later.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sentra::config {

// Where values come from; a test passes a map, a process its environment.
using Lookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment, falling back to the file named by SENTRA_CONFIG_FILE
// when that variable is set. The environment wins over the file.
absl::StatusOr<Lookup> ProcessEnvironment();

class EnvReader {
 public:
  explicit EnvReader(Lookup lookup);

  // Required: a missing or empty value is an error.
  std::string String(std::string_view name);
  std::string String(std::string_view name, std::string_view fallback);
  std::int64_t Int(std::string_view name, std::int64_t fallback, std::int64_t min,
                   std::int64_t max);
  std::uint16_t Port(std::string_view name, std::uint16_t fallback);
  bool Bool(std::string_view name, bool fallback);
  // Accepts "250ms", "5s", "2m", "1h".
  std::chrono::milliseconds Duration(std::string_view name, std::chrono::milliseconds fallback);

  // Records a problem found by the caller's own parsing of a value read with
  // String(), so status() reports it like any other.
  void Fail(std::string_view name, std::string_view problem, std::string_view value);

  // The first problem found, naming the variable; OK when all reads succeeded.
  const absl::Status& status() const { return status_; }

 private:
  std::optional<std::string> Get(std::string_view name);

  Lookup lookup_;
  absl::Status status_;
};

// "250ms", "5s", "2m", "1h" → milliseconds; nullopt for anything else.
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

// Writes "<program>: config: <problem>" to stderr and exits with status 2 when
// `status` is not OK. For main() only.
void ExitIfInvalid(const absl::Status& status, std::string_view program);

}  // namespace sentra::config

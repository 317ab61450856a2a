// Parses the optional configuration file: KEY=VALUE lines, '#' comments.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::config {

absl::StatusOr<std::map<std::string, std::string, std::less<>>> ParseEnvFile(std::string_view text);

}  // namespace sentra::config

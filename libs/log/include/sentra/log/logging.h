// Process-wide structured logging: spdlog writing one JSON object per line,
// tagged with the service name and, inside a request, its request id. Lines
// go to stderr (a container's runtime keeps them), or to a file that is
// rotated by size, keeping a few (deploy/sentra's local stack).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "spdlog/spdlog.h"

namespace sentra::config {
class EnvReader;
}

namespace sentra::log {

struct LogOptions {
  spdlog::level::level_enum level = spdlog::level::info;
  // "" for stderr; else the file, rotated when it reaches max_file_bytes into
  // <name>.1.<ext> … <name>.<max_files>.<ext>, the oldest dropped.
  std::string file;
  std::size_t max_file_bytes = 10 << 20;
  std::size_t max_files = 5;
  // The level of the one line per request (gateway) or call (services):
  // method, status, duration, request id. At "debug" or "off" an operator
  // quiets them and keeps the rest.
  spdlog::level::level_enum request_level = spdlog::level::info;
};

// SENTRA_LOG_LEVEL, SENTRA_LOG_FILE, SENTRA_LOG_MAX_BYTES, SENTRA_LOG_FILES
// and SENTRA_REQUEST_LOG_LEVEL, checked; a bad one is reported by `env`.
LogOptions ReadLogOptions(config::EnvReader& env);

// Installs the JSON logger as the default one.
void Init(std::string_view service, const LogOptions& options);

// The level request and call lines are written at.
spdlog::level::level_enum RequestLevel();

// The request id (and organization) of the work this thread is doing, if any.
struct RequestContext {
  std::string request_id;
  std::string org_id;
};
const RequestContext& CurrentRequest();

// Marks this thread as working on one request until the scope ends; log lines
// written meanwhile carry its ids. Restores the previous context on exit.
class RequestScope {
 public:
  RequestScope(std::string request_id, std::string org_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  RequestContext previous_;
};

}  // namespace sentra::log

// Process-wide structured logging: spdlog writing one JSON object per line to
// stderr, tagged with the service name and, inside a request, its request id.
#pragma once

#include <string>
#include <string_view>

#include "spdlog/spdlog.h"

namespace sentra::log {

// Installs the JSON formatter on the default logger. `level` is one of
// trace, debug, info, warn, error; anything else is treated as info.
void Init(std::string_view service, std::string_view level);

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

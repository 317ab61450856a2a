#include "sentra/log/logging.h"

#include "sentra/log/json_formatter.h"
#include "spdlog/sinks/stdout_sinks.h"

namespace sentra::log {

namespace {
thread_local RequestContext current_request;
}  // namespace

void Init(std::string_view service, std::string_view level) {
  auto logger = spdlog::stderr_logger_mt(std::string(service));
  logger->set_formatter(std::make_unique<JsonFormatter>(std::string(service)));
  auto parsed = spdlog::level::from_str(std::string(level));
  // from_str answers "off" for names it does not know; silence is never what
  // a misspelt level meant.
  if (parsed == spdlog::level::off && level != "off") parsed = spdlog::level::info;
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

const RequestContext& CurrentRequest() { return current_request; }

RequestScope::RequestScope(std::string request_id, std::string org_id)
    : previous_(std::move(current_request)) {
  current_request = RequestContext{std::move(request_id), std::move(org_id)};
}

RequestScope::~RequestScope() { current_request = std::move(previous_); }

}  // namespace sentra::log

#include "sentra/log/logging.h"

#include <atomic>
#include <optional>

#include "sentra/config/env_reader.h"
#include "sentra/log/json_formatter.h"
#include "spdlog/sinks/rotating_file_sink.h"
#include "spdlog/sinks/stdout_sinks.h"

namespace sentra::log {

namespace {

thread_local RequestContext current_request;
std::atomic<spdlog::level::level_enum> request_level{spdlog::level::info};

// A level's name, or nothing: spdlog's own from_str answers "off" for any
// name it does not know, and silence is never what a misspelt level meant.
std::optional<spdlog::level::level_enum> ParseLevel(const std::string& name) {
  for (int l = spdlog::level::trace; l <= spdlog::level::off; ++l) {
    const auto level = static_cast<spdlog::level::level_enum>(l);
    const auto text = spdlog::level::to_string_view(level);
    if (name == std::string_view(text.data(), text.size())) return level;
  }
  if (name == "warn") return spdlog::level::warn;
  return std::nullopt;
}

spdlog::level::level_enum ReadLevel(config::EnvReader& env, std::string_view name) {
  const std::string text = env.String(name, "info");
  const auto level = ParseLevel(text);
  if (!level) env.Fail(name, "must be trace, debug, info, warning, error, critical or off", text);
  return level.value_or(spdlog::level::info);
}

}  // namespace

LogOptions ReadLogOptions(config::EnvReader& env) {
  LogOptions options;
  options.level = ReadLevel(env, "SENTRA_LOG_LEVEL");
  options.request_level = ReadLevel(env, "SENTRA_REQUEST_LOG_LEVEL");
  options.file = env.String("SENTRA_LOG_FILE", "");
  options.max_file_bytes =
      static_cast<std::size_t>(env.Int("SENTRA_LOG_MAX_BYTES", 10 << 20, 64 << 10, std::int64_t{1} << 40));
  options.max_files = static_cast<std::size_t>(env.Int("SENTRA_LOG_FILES", 5, 1, 100));
  return options;
}

void Init(std::string_view service, const LogOptions& options) {
  spdlog::drop(std::string(service));
  std::shared_ptr<spdlog::logger> logger;
  if (options.file.empty()) {
    logger = spdlog::stderr_logger_mt(std::string(service));
  } else {
    logger = spdlog::rotating_logger_mt(std::string(service), options.file, options.max_file_bytes,
                                        options.max_files);
  }
  logger->set_formatter(std::make_unique<JsonFormatter>(std::string(service)));
  logger->set_level(options.level);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  // What is written below warn reaches the file within a second.
  spdlog::flush_every(std::chrono::seconds(1));
  request_level = options.request_level;
}

spdlog::level::level_enum RequestLevel() { return request_level.load(std::memory_order_relaxed); }

const RequestContext& CurrentRequest() { return current_request; }

RequestScope::RequestScope(std::string request_id, std::string org_id)
    : previous_(std::move(current_request)) {
  current_request = RequestContext{std::move(request_id), std::move(org_id)};
}

RequestScope::~RequestScope() { current_request = std::move(previous_); }

}  // namespace sentra::log

#include "sentra/log/json_formatter.h"

#include <chrono>
#include <ctime>

#include "sentra/log/logging.h"
#include "spdlog/fmt/fmt.h"

namespace sentra::log {

namespace {

void Append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

void AppendField(spdlog::memory_buf_t& dest, std::string_view key, std::string_view value) {
  Append(dest, ",\"");
  Append(dest, key);
  Append(dest, "\":\"");
  AppendJsonEscaped(value, dest);
  dest.push_back('"');
}

void AppendTimestamp(spdlog::log_clock::time_point time, spdlog::memory_buf_t& dest) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t t = seconds.count();
  std::tm utc{};
  gmtime_r(&t, &utc);
  fmt::format_to(std::back_inserter(dest), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                 utc.tm_sec, millis.count());
}

}  // namespace

void AppendJsonEscaped(std::string_view text, spdlog::memory_buf_t& dest) {
  for (const char c : text) {
    switch (c) {
      case '"': Append(dest, "\\\""); break;
      case '\\': Append(dest, "\\\\"); break;
      case '\n': Append(dest, "\\n"); break;
      case '\r': Append(dest, "\\r"); break;
      case '\t': Append(dest, "\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(dest), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          dest.push_back(c);
        }
    }
  }
}

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  Append(dest, "{\"ts\":\"");
  AppendTimestamp(msg.time, dest);
  Append(dest, "\",\"level\":\"");
  const auto level = spdlog::level::to_string_view(msg.level);
  Append(dest, std::string_view(level.data(), level.size()));
  dest.push_back('"');
  AppendField(dest, "service", service_);
  AppendField(dest, "msg", std::string_view(msg.payload.data(), msg.payload.size()));
  const RequestContext& request = CurrentRequest();
  if (!request.request_id.empty()) AppendField(dest, "request_id", request.request_id);
  if (!request.org_id.empty()) AppendField(dest, "org_id", request.org_id);
  Append(dest, "}\n");
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
  return std::make_unique<JsonFormatter>(service_);
}

}  // namespace sentra::log

// spdlog formatter that renders each record as one JSON object on one line:
// {"ts":"2026-11-21T10:00:00.123Z","level":"info","service":"core","msg":"...","request_id":"..."}
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "spdlog/formatter.h"

namespace sentra::log {

class JsonFormatter final : public spdlog::formatter {
 public:
  explicit JsonFormatter(std::string service) : service_(std::move(service)) {}
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  std::string service_;
};

// Appends `text` to `dest` as the inside of a JSON string (escapes quotes,
// backslashes and control characters; bytes >= 0x80 pass through).
void AppendJsonEscaped(std::string_view text, spdlog::memory_buf_t& dest);

}  // namespace sentra::log

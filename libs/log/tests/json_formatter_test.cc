#include "sentra/log/json_formatter.h"

#include <catch2/catch.hpp>

#include "sentra/log/logging.h"
#include "spdlog/details/log_msg.h"

namespace {

std::string Render(std::string_view text, spdlog::level::level_enum level = spdlog::level::info) {
  sentra::log::JsonFormatter formatter("core");
  spdlog::details::log_msg msg("core", level, text);
  spdlog::memory_buf_t out;
  formatter.format(msg, out);
  return std::string(out.data(), out.size());
}

}  // namespace

TEST_CASE("a log line is one JSON object with service, level and message", "[log]") {
  const std::string line = Render("started");
  CHECK(line.starts_with("{\"ts\":\""));
  CHECK(line.find("\"level\":\"info\"") != std::string::npos);
  CHECK(line.find("\"service\":\"core\"") != std::string::npos);
  CHECK(line.find("\"msg\":\"started\"") != std::string::npos);
  CHECK(line.ends_with("}\n"));
  CHECK(line.find("request_id") == std::string::npos);
}

TEST_CASE("quotes, newlines and control bytes in a message stay inside one JSON line", "[log]") {
  const std::string line = Render("a \"b\"\nc\\d\x01");
  CHECK(line.find("a \\\"b\\\"\\nc\\\\d\\u0001") != std::string::npos);
  CHECK(line.find('\n') == line.size() - 1);
}

TEST_CASE("lines written inside a request scope carry its ids, and the scope restores", "[log]") {
  {
    sentra::log::RequestScope outer("req-1", "org-1");
    CHECK(Render("x").find("\"request_id\":\"req-1\",\"org_id\":\"org-1\"") != std::string::npos);
    {
      sentra::log::RequestScope inner("req-2", "");
      CHECK(Render("x").find("\"request_id\":\"req-2\"") != std::string::npos);
    }
    CHECK(Render("x").find("\"request_id\":\"req-1\"") != std::string::npos);
  }
  CHECK(Render("x").find("request_id") == std::string::npos);
}

// One keep-alive HTTP/1.1 connection to the gateway that survives the
// gateway dying: a failed exchange reports status 0 (outcome unknown) and
// the next one connects again.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sentra::chaos {

struct Reply {
  int status = 0;  // 0: no answer (refused, reset, timed out)
  std::string body;
  // A string member of a JSON object body by dotted path ("" when absent).
  std::string Field(std::string_view name) const;
  std::int64_t Number(std::string_view name) const;
};

struct Call {
  std::string_view method;
  std::string target;
  std::string body;
  std::string_view token;
  std::string idempotency_key;
};

class HttpSession {
 public:
  // `base`: http://host:port
  explicit HttpSession(const std::string& base);
  Reply Send(const Call& call);

 private:
  std::string host_;
  std::string port_;
  boost::asio::io_context io_;
  std::optional<boost::beast::tcp_stream> stream_;
};

}  // namespace sentra::chaos

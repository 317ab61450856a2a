// HTTP/1.1 on Boost.Beast: keep-alive, a body limit (413), a header size
// limit, idle and read timeouts; each request goes to the Gateway, whose
// answer may come back on another thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>

#include "gateway.h"

namespace sentra::gateway {

struct ServerOptions {
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds idle_timeout{60};   // waiting for the next request's headers
  std::chrono::seconds read_timeout{30};   // reading a body once headers arrived
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
             Gateway& gateway, ServerOptions options);
  void Start();
  void Stop();
  unsigned short port() const;

 private:
  void Accept();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  Gateway& gateway_;
  ServerOptions options_;
};

}  // namespace sentra::gateway

// HTTP/1.1 on Boost.Beast, plain or over TLS: keep-alive, a body limit
// (413), a header size limit, idle and read timeouts; each request goes to
// the Gateway, whose answer may come back on another thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "connection_limits.h"

#include "gateway.h"

namespace sentra::gateway {

struct ServerOptions {
  std::size_t body_limit = kDefaultBodyLimit;
  std::chrono::seconds idle_timeout{60};   // waiting for the next request's headers
  std::chrono::seconds read_timeout{30};   // reading a body once headers arrived
  // Waiting for the next request while connections are scarce.
  std::chrono::seconds idle_timeout_under_pressure{5};
  ConnectionLimitOptions connections;
  // Serve HTTPS with this context (certificate and key loaded); plain HTTP
  // when null. Every answer over TLS carries Strict-Transport-Security.
  std::shared_ptr<boost::asio::ssl::context> tls;
};

// A TLS 1.2+ server context from PEM files: the certificate chain and its
// private key. An error names the file that could not be used.
absl::StatusOr<std::shared_ptr<boost::asio::ssl::context>> LoadTlsContext(const std::string& certificate_chain_file,
                                                                          const std::string& private_key_file);

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
             Gateway& gateway, ServerOptions options);
  void Start();
  void Stop();
  unsigned short port() const;

 private:
  void Accept();

  void AcceptLater();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_backoff_;
  std::shared_ptr<ConnectionLimits> limits_;
  Gateway& gateway_;
  ServerOptions options_;
};

}  // namespace sentra::gateway

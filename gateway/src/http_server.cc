#include "http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

#include "http_errors.h"
#include "sentra/errors/errors.h"

namespace sentra::gateway {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Gateway& gateway, const ServerOptions& options)
      : stream_(std::move(socket)), gateway_(gateway), options_(options) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ip_ = endpoint.address().to_string();
  }

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(options_.body_limit);
    stream_.expires_after(options_.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnError(ec);
    // A declared length over the limit is refused before reading the body.
    if (parser_->content_length() && *parser_->content_length() > options_.body_limit) {
      return OnError(http::error::body_limit);
    }
    stream_.expires_after(options_.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return OnError(ec);
    stream_.expires_never();  // the gateway's call has its own deadline
    auto self = shared_from_this();
    gateway_.Handle(parser_->release(), client_ip_, [self](HttpResponse res) {
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
        self->Write(std::move(res));
      });
    });
  }

  void OnError(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
      return Close();
    }
    // Malformed HTTP or too large: answer once, then close, since the rest of
    // the stream cannot be trusted to frame the next request.
    absl::Status status = ec == http::error::body_limit
        ? errors::WithCode(absl::InvalidArgumentError("request body is larger than 1 MiB"), "PAYLOAD_TOO_LARGE")
        : ec == http::error::header_limit
        ? errors::WithCode(absl::InvalidArgumentError("request headers are too large"), "HEADERS_TOO_LARGE")
        : errors::WithCode(absl::InvalidArgumentError("malformed HTTP request"), "BAD_REQUEST");
    const int code = ec == http::error::body_limit ? 413 : ec == http::error::header_limit ? 431 : 400;
    const std::string request_id = RequestIdFor("");
    draining_ = true;
    Write(MakeResponse(code, ErrorBody(status, request_id), request_id, /*keep_alive=*/false));
  }

  void Write(HttpResponse res) {
    response_ = std::make_shared<HttpResponse>(std::move(res));
    stream_.expires_after(options_.read_timeout);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this(), response_->keep_alive()));
  }

  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
    response_.reset();
    if (!ec && draining_) return Drain();
    if (ec || !keep_alive) return Close();
    ReadHeader();
  }

  // After refusing a request whose body is still arriving: stop sending, and
  // read and discard for a while, so the client sees our answer instead of a
  // reset from closing a socket with unread data.
  void Drain() {
    Close();
    stream_.expires_after(std::chrono::seconds(5));
    drain_buffer_.resize(64 * 1024);
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (!ec && self->drained_ < 64 * 1024 * 1024) self->Drain();
    });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  Gateway& gateway_;
  const ServerOptions& options_;
  std::string client_ip_;
  bool draining_ = false;
  std::vector<char> drain_buffer_;
  std::size_t drained_ = 0;
};

}  // namespace

HttpServer::HttpServer(net::io_context& io, const tcp::endpoint& endpoint, Gateway& gateway, ServerOptions options)
    : io_(io), acceptor_(net::make_strand(io)), gateway_(gateway), options_(options) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

unsigned short HttpServer::port() const { return acceptor_.local_endpoint().port(); }

void HttpServer::Start() { Accept(); }

void HttpServer::Stop() {
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
}

void HttpServer::Accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(socket), gateway_, options_)->Start();
    }
    Accept();
  });
}

}  // namespace sentra::gateway

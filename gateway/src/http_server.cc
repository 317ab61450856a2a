#include "http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <type_traits>

#include "http_errors.h"
#include "sentra/errors/errors.h"

namespace sentra::gateway {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection: requests read one after another (keep-alive), each
// answered before the next is read. `Stream` is plain TCP or TLS over it.
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  template <typename... StreamArgs>
  Session(tcp::socket socket, std::string client_ip, std::unique_ptr<ConnectionLimits::Slot> slot, Gateway& gateway,
          const ServerOptions& options, StreamArgs&... stream_args)
      : stream_(std::move(socket), stream_args...),
        gateway_(gateway),
        options_(options),
        client_ip_(std::move(client_ip)),
        slot_(std::move(slot)) {
    gateway_.metrics().ConnectionOpened();
  }
  ~Session() { gateway_.metrics().ConnectionClosed(); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->Lowest().expires_after(self->slot_->UnderPressure() ? self->options_.idle_timeout_under_pressure
                                                                  : self->options_.read_timeout);
        self->stream_.async_handshake(ssl::stream_base::server, [self](beast::error_code ec) {
          if (ec) return self->CloseSocket();  // not TLS, or a client that gave up: nothing to answer
          self->ReadHeader();
        });
      } else {
        self->ReadHeader();
      }
    });
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }
  std::shared_ptr<Session> Self() { return this->shared_from_this(); }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(options_.body_limit);
    Lowest().expires_after(slot_->UnderPressure() ? options_.idle_timeout_under_pressure : options_.idle_timeout);
    fold_checked_ = 0;
    ParseHeader();
  }

  // Reads until the parser has the whole header, looking at the raw bytes
  // first: Beast's parser joins folded lines silently, and they must be
  // refused (http_messages.h, HasObsoleteFold). The parser takes a header
  // only once all of it is buffered, so the scan sees it whole.
  void ParseHeader() {
    while (buffer_.size() > 0) {
      const std::string_view bytes(static_cast<const char*>(buffer_.data().data()), buffer_.size());
      // Until the parser takes the header it consumes nothing, so bytes
      // keep their offsets; a line break can straddle two reads.
      const bool folded = HasObsoleteFold(bytes, fold_checked_);
      fold_checked_ = bytes.size() > 2 ? bytes.size() - 2 : 0;
      if (folded) {
        return Refuse(400, errors::WithCode(absl::InvalidArgumentError("folded header lines are not accepted"),
                                            "BAD_REQUEST"));
      }
      beast::error_code ec;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) break;
      if (ec) return OnError(ec);
      if (parser_->is_header_done()) return OnHeader({}, 0);
      if (used == 0) break;
    }
    stream_.async_read_some(buffer_.prepare(8192), [self = Self()](beast::error_code ec, std::size_t n) {
      self->buffer_.commit(n);
      if (ec) return self->OnError(ec);
      self->ParseHeader();
    });
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnError(ec);
    if (auto framing = CheckFraming(parser_->get().base()); !framing.ok()) {
      return Refuse(400, errors::WithCode(framing, "BAD_REQUEST"));
    }
    // A declared length over the limit is refused before reading the body.
    if (parser_->content_length() && *parser_->content_length() > options_.body_limit) {
      return OnError(http::error::body_limit);
    }
    Lowest().expires_after(options_.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, Self()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return OnError(ec);
    Lowest().expires_never();  // the gateway's call has its own deadline
    auto self = Self();
    gateway_.Handle(parser_->release(), client_ip_, [self](HttpResponse res) {
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->Write(std::move(res)); });
    });
  }

  void OnError(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted ||
        ec == ssl::error::stream_truncated) {
      return Close();
    }
    // Malformed HTTP or too large: answer once, then close, since the rest of
    // the stream cannot be trusted to frame the next request.
    absl::Status status = ec == http::error::body_limit
        ? errors::WithCode(absl::InvalidArgumentError("request body is larger than 1 MiB"), "PAYLOAD_TOO_LARGE")
        : ec == http::error::header_limit
        ? errors::WithCode(absl::InvalidArgumentError("request headers are too large"), "HEADERS_TOO_LARGE")
        : errors::WithCode(absl::InvalidArgumentError("malformed HTTP request"), "BAD_REQUEST");
    Refuse(ec == http::error::body_limit ? 413 : ec == http::error::header_limit ? 431 : 400, status);
  }

  void Refuse(int code, const absl::Status& status) {
    const std::string request_id = RequestIdFor("");
    draining_ = true;
    Write(MakeResponse(code, ErrorBody(status, request_id), request_id, /*keep_alive=*/false));
  }

  void Write(HttpResponse res) {
    // Browsers that reached us over TLS keep to it for a year.
    if constexpr (kTls) res.set(http::field::strict_transport_security, "max-age=31536000; includeSubDomains");
    response_ = std::make_shared<HttpResponse>(std::move(res));
    Lowest().expires_after(options_.read_timeout);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Session::OnWrite, Self(), response_->keep_alive()));
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
    // Over TLS, Close's close_notify exchange already ends the session.
    if constexpr (!kTls) {
      Lowest().expires_after(std::chrono::seconds(5));
      drain_buffer_.resize(64 * 1024);
      stream_.async_read_some(net::buffer(drain_buffer_), [self = Self()](beast::error_code ec, std::size_t n) {
        self->drained_ += n;
        if (!ec && self->drained_ < 64 * 1024 * 1024) self->Drain();
      });
    }
  }

  void Close() {
    if constexpr (kTls) {
      // close_notify, so the client can tell the end of the answer from a cut.
      Lowest().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = Self()](beast::error_code) { self->CloseSocket(); });
    } else {
      beast::error_code ignored;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  void CloseSocket() {
    beast::error_code ignored;
    Lowest().socket().close(ignored);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  Gateway& gateway_;
  const ServerOptions& options_;
  std::string client_ip_;
  std::unique_ptr<ConnectionLimits::Slot> slot_;
  bool draining_ = false;
  std::size_t fold_checked_ = 0;  // of the header being read
  std::vector<char> drain_buffer_;
  std::size_t drained_ = 0;
};

}  // namespace

absl::StatusOr<std::shared_ptr<ssl::context>> LoadTlsContext(const std::string& certificate_chain_file,
                                                             const std::string& private_key_file) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  beast::error_code ec;
  context->use_certificate_chain_file(certificate_chain_file, ec);
  if (ec) return absl::InvalidArgumentError("cannot use certificate " + certificate_chain_file + ": " + ec.message());
  context->use_private_key_file(private_key_file, ssl::context::pem, ec);
  if (ec) return absl::InvalidArgumentError("cannot use private key " + private_key_file + ": " + ec.message());
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    return absl::InvalidArgumentError("the private key does not match the certificate");
  }
  return context;
}

HttpServer::HttpServer(net::io_context& io, const tcp::endpoint& endpoint, Gateway& gateway, ServerOptions options)
    : io_(io),
      acceptor_(net::make_strand(io)),
      accept_backoff_(acceptor_.get_executor()),
      limits_(ConnectionLimits::Create(options.connections)),
      gateway_(gateway),
      options_(std::move(options)) {
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
    accept_backoff_.cancel();
    acceptor_.close(ignored);
  });
}

void HttpServer::Accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Out of descriptors or memory, accepting again at once would fail
      // again at once, with both cores spinning: wait for connections to
      // close.
      spdlog::warn("accept: {}; pausing accepts for 100 ms", ec.message());
      return AcceptLater();
    }
    {
      beast::error_code ignored;
      const auto peer = socket.remote_endpoint(ignored);
      std::string client_ip = ignored ? std::string() : peer.address().to_string();
      auto slot = limits_->TryOpen(ignored ? std::string() : ConnectionKey(peer.address()));
      if (slot == nullptr) {
        // Closed without an answer: writing one would cost what the limit
        // is there to save.
        gateway_.metrics().ConnectionRefused();
        socket.close(ignored);
      } else {
        socket.set_option(tcp::no_delay(true), ignored);
        if (options_.tls) {
          std::make_shared<Session<TlsStream>>(std::move(socket), std::move(client_ip), std::move(slot), gateway_,
                                               options_, *options_.tls)
              ->Start();
        } else {
          std::make_shared<Session<PlainStream>>(std::move(socket), std::move(client_ip), std::move(slot), gateway_,
                                                 options_)
              ->Start();
        }
      }
    }
    Accept();
  });
}

void HttpServer::AcceptLater() {
  accept_backoff_.expires_after(std::chrono::milliseconds(100));
  accept_backoff_.async_wait([this](beast::error_code ec) {
    if (!ec && acceptor_.is_open()) Accept();
  });
}

}  // namespace sentra::gateway

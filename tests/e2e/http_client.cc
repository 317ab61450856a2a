#include "http_client.h"

#include <google/protobuf/util/json_util.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>

namespace sentra::e2e {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

std::pair<std::string, std::string> GatewayHostPort() {
  const char* url = std::getenv("SENTRA_TEST_GATEWAY_URL");
  if (url == nullptr) FAIL("SENTRA_TEST_GATEWAY_URL is not set: run through `deploy/sentra test`");
  std::string rest = std::string(url).substr(std::string("http://").size());
  const auto colon = rest.rfind(':');
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

}  // namespace

google::protobuf::Struct Response::Json() const {
  google::protobuf::Struct out;
  (void)google::protobuf::util::JsonStringToMessage(body, &out);
  return out;
}

std::string Response::Field(const std::string& path) const {
  google::protobuf::Struct current = Json();
  std::string rest = path;
  while (true) {
    const auto dot = rest.find('.');
    const std::string key = rest.substr(0, dot);
    auto it = current.fields().find(key);
    if (it == current.fields().end()) return {};
    if (dot == std::string::npos) {
      const auto& v = it->second;
      if (v.has_string_value()) return v.string_value();
      if (v.has_number_value()) return std::to_string(static_cast<long long>(v.number_value()));
      if (v.has_bool_value()) return v.bool_value() ? "true" : "false";
      return {};
    }
    if (!it->second.has_struct_value()) return {};
    current = google::protobuf::Struct(it->second.struct_value());
    rest = rest.substr(dot + 1);
  }
}

Response Send(const Request& request) {
  const auto [host, port] = GatewayHostPort();
  net::io_context io;
  net::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(15));
  stream.connect(resolver.resolve(host, port));
  http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
  req.set(http::field::host, host);
  if (!request.token.empty()) req.set(http::field::authorization, "Bearer " + request.token);
  for (const auto& [k, v] : request.headers) req.set(k, v);
  if (!request.body.empty()) {
    req.set(http::field::content_type, request.content_type);
    req.body() = request.body;
  }
  req.prepare_payload();
  beast::error_code write_error;
  // A server may answer (413) and stop reading before the body is sent: the
  // failed write is expected then, and the answer is still there to read.
  http::write(stream, req, write_error);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  // An answer to HEAD has the GET's Content-Length and no body.
  if (request.method == "HEAD") parser.skip(true);
  beast::error_code ec;
  http::read(stream, buffer, parser, ec);
  REQUIRE_FALSE(ec);
  Response out;
  auto& res = parser.get();
  out.status = res.result_int();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  return out;
}

std::string SendRaw(const std::string& bytes, std::chrono::milliseconds wait, unsigned short other_port) {
  auto [host, port] = GatewayHostPort();
  if (other_port != 0) port = std::to_string(other_port);
  net::io_context io;
  net::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.expires_after(wait);
  stream.connect(resolver.resolve(host, port));
  beast::error_code ec;
  net::write(stream, net::buffer(bytes), ec);
  std::string received;
  char chunk[4096];
  while (!ec) {
    const std::size_t n = stream.read_some(net::buffer(chunk), ec);
    received.append(chunk, n);
  }
  return received;
}

Response Get(const std::string& target, const std::string& token) {
  return Send({.method = "GET", .target = target, .token = token});
}
Response Post(const std::string& target, const std::string& body, const std::string& token) {
  return Send({.method = "POST", .target = target, .body = body, .token = token});
}
Response Patch(const std::string& target, const std::string& body, const std::string& token) {
  return Send({.method = "PATCH", .target = target, .body = body, .token = token});
}
Response Delete(const std::string& target, const std::string& token) {
  return Send({.method = "DELETE", .target = target, .token = token});
}

}  // namespace sentra::e2e

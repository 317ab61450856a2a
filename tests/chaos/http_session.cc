#include "http_session.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace sentra::chaos {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// A member by dotted path ("organization.id"), or null.
const google::protobuf::Value* Member(const std::string& body, std::string_view path,
                                      google::protobuf::Struct& parsed) {
  if (!google::protobuf::util::JsonStringToMessage(body, &parsed).ok()) return nullptr;
  const google::protobuf::Struct* object = &parsed;
  const google::protobuf::Value* value = nullptr;
  while (object != nullptr) {
    const auto dot = path.find('.');
    auto it = object->fields().find(std::string(path.substr(0, dot)));
    if (it == object->fields().end()) return nullptr;
    value = &it->second;
    if (dot == std::string_view::npos) return value;
    path.remove_prefix(dot + 1);
    object = value->has_struct_value() ? &value->struct_value() : nullptr;
  }
  return nullptr;
}

}  // namespace

std::string Reply::Field(std::string_view name) const {
  google::protobuf::Struct parsed;
  const auto* v = Member(body, name, parsed);
  return v == nullptr ? std::string() : v->string_value();
}

std::int64_t Reply::Number(std::string_view name) const {
  google::protobuf::Struct parsed;
  const auto* v = Member(body, name, parsed);
  return v == nullptr ? -1 : static_cast<std::int64_t>(v->number_value());
}

HttpSession::HttpSession(const std::string& base) {
  const std::string rest = base.substr(base.find("://") + 3);
  const auto colon = rest.rfind(':');
  host_ = rest.substr(0, colon);
  port_ = rest.substr(colon + 1);
}

Reply HttpSession::Send(const Call& call) {
  beast::error_code ec;
  if (!stream_) {
    stream_.emplace(io_);
    stream_->expires_after(std::chrono::seconds(5));
    net::ip::tcp::resolver resolver(io_);
    stream_->connect(resolver.resolve(host_, port_, ec), ec);
    if (ec) {
      stream_.reset();
      return {};
    }
  }
  http::request<http::string_body> req{http::string_to_verb(call.method), call.target, 11};
  req.set(http::field::host, host_);
  req.keep_alive(true);
  if (!call.token.empty()) req.set(http::field::authorization, "Bearer " + std::string(call.token));
  if (!call.idempotency_key.empty()) req.set("Idempotency-Key", call.idempotency_key);
  if (!call.body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = call.body;
  }
  req.prepare_payload();
  // Longer than the gateway's own deadline on a backend call.
  stream_->expires_after(std::chrono::seconds(40));
  http::write(*stream_, req, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!ec) http::read(*stream_, buffer, res, ec);
  if (ec) {
    stream_.reset();
    return {};
  }
  if (!res.keep_alive()) stream_.reset();
  return {static_cast<int>(res.result_int()), std::move(res.body())};
}

}  // namespace sentra::chaos

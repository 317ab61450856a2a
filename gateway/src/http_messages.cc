#include "http_messages.h"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/string.hpp>

#include "sentra/ids/uuid.h"

namespace sentra::gateway {

namespace http = boost::beast::http;

HttpResponse MakeResponse(int status, std::string body, const std::string& request_id, bool keep_alive,
                          std::string_view content_type) {
  HttpResponse res{static_cast<http::status>(status), 11};
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Cache-Control", "no-store");
  // JSON only: nothing to frame, run or refer from.
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (status != 204) {
    res.set(http::field::content_type, content_type);
    res.body() = std::move(body);
  }
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for, bool trust_forwarded_for) {
  if (trust_forwarded_for && !forwarded_for.empty()) {
    const std::string_view last = TrimSpaces(forwarded_for.substr(forwarded_for.rfind(',') + 1));
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(last, ec);
    if (!ec) return address.to_string();
  }
  return std::string(peer);
}

absl::Status CheckFraming(const HttpRequest::header_type& header) {
  const std::size_t encodings = header.count(http::field::transfer_encoding);
  if (encodings > 1) return absl::InvalidArgumentError("Transfer-Encoding is given more than once");
  if (encodings == 1) {
    if (header.version() < 11) return absl::InvalidArgumentError("HTTP/1.0 has no Transfer-Encoding");
    if (!boost::beast::iequals(TrimSpaces(header[http::field::transfer_encoding]), "chunked")) {
      return absl::InvalidArgumentError("the only Transfer-Encoding taken is chunked");
    }
    if (header.count(http::field::content_length) > 0) {
      return absl::InvalidArgumentError("a request has Transfer-Encoding or Content-Length, not both");
    }
  }
  const std::size_t hosts = header.count(http::field::host);
  if (hosts > 1 || (hosts == 0 && header.version() >= 11)) {
    return absl::InvalidArgumentError("an HTTP/1.1 request has exactly one Host header");
  }
  return absl::OkStatus();
}

bool HasObsoleteFold(std::string_view raw, std::size_t from) {
  const auto end = raw.find("\r\n\r\n", from > 3 ? from - 3 : 0);
  const std::string_view header = end == std::string_view::npos ? raw : raw.substr(0, end + 2);
  for (auto at = header.find("\r\n", from); at != std::string_view::npos; at = header.find("\r\n", at + 2)) {
    // A line break at the very start is an empty line before the request
    // line (allowed); one followed by a space or tab continues a field.
    if (at != 0 && at + 2 < raw.size() && (raw[at + 2] == ' ' || raw[at + 2] == '\t')) return true;
  }
  return false;
}

std::string RequestIdFor(std::string_view value) {
  if (!value.empty() && value.size() <= 128) {
    bool plain = true;
    for (const char c : value) {
      plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.');
    }
    if (plain) return std::string(value);
  }
  return ids::NewUuidV7();
}

}  // namespace sentra::gateway

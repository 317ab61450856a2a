// The HTTP messages themselves: the request and response types, the
// response every answer is built with, request ids, the client's address,
// and the parser limits the server applies.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace sentra::gateway {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

inline constexpr std::size_t kHeaderLimit = 16 * 1024;
inline constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;

// Every response the gateway sends: status, request id, the headers every
// response carries, and a body (none for 204).
HttpResponse MakeResponse(int status, std::string body, const std::string& request_id, bool keep_alive,
                          std::string_view content_type = "application/json");

// The address rate limits and logs use: the peer, or with
// `trust_forwarded_for` the last X-Forwarded-For entry when it is an address.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for, bool trust_forwarded_for);

// `text` without the spaces around it, as around the items of a
// comma-separated header value or setting.
std::string_view TrimSpaces(std::string_view text);

// Where the request ends must be beyond doubt, or a proxy in front and the
// gateway could disagree on it (request smuggling). Refuses, as RFC 9112
// §6.1 and §3.2 let a server: a Transfer-Encoding other than exactly
// "chunked", one together with a Content-Length, and an HTTP/1.1 request
// without exactly one Host. The message says what was wrong.
absl::Status CheckFraming(const HttpRequest::header_type& header);

// Whether the header at the start of `raw` (request line and fields, up to
// the empty line, or all of `raw` when that has not arrived) folds a field
// over lines (obs-fold, RFC 9112 §5.2), which the gateway refuses rather
// than let a proxy and itself read the field differently. Line breaks
// before `from` were looked at already (a header arriving in pieces).
bool HasObsoleteFold(std::string_view raw, std::size_t from = 0);

// A client's X-Request-Id if it is short and plain, else a new UUIDv7.
std::string RequestIdFor(std::string_view client_value);

}  // namespace sentra::gateway

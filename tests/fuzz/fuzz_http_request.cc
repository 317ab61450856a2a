// Raw bytes as an HTTP/1.1 request, handled the way the gateway handles one
// before its gRPC call: Beast's parser with the server's limits, the request
// id, the client address, CORS, route lookup, and the transcoding of path,
// query, If-Match and body into the RPC's request message; then the answer
// is built. Nothing may crash, leak or read out of bounds.
#include <google/protobuf/message.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/cors.h"
#include "src/fronted_services.h"
#include "src/http_errors.h"
#include "src/http_messages.h"
#include "src/route_table.h"
#include "src/transcoder.h"

namespace http = boost::beast::http;
using namespace sentra::gateway;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto routes = *RouteTable::Build(FrontedServices());
  static const auto cors = *CorsPolicy::Parse("https://console.example.com,*");

  // The server looks at the raw header before the parser does.
  if (HasObsoleteFold(std::string_view(reinterpret_cast<const char*>(data), size))) return 0;
  http::request_parser<http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kDefaultBodyLimit);
  parser.eager(true);
  boost::beast::error_code ec;
  auto buffer = boost::asio::const_buffer(data, size);
  while (buffer.size() > 0 && !parser.is_done()) {
    const std::size_t used = parser.put(buffer, ec);
    if (ec || used == 0) break;
    buffer += used;
  }
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  HttpRequest request = parser.release();
  if (!CheckFraming(request.base()).ok()) return 0;

  const std::string request_id = RequestIdFor(request["X-Request-Id"]);
  (void)ClientAddress("192.0.2.1", request["X-Forwarded-For"], true);
  const std::string_view target = request.target();
  const auto question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

  int status = 404;
  std::string body;
  const RouteMatch match = routes.Find(request.method_string(), path);
  if (match.route != nullptr) {
    auto message = BuildRequest(match, query, request.body(), request[http::field::if_match]);
    status = message.ok() ? 200 : HttpStatusFor(message.status().code());
    body = message.ok() ? ToJson(**message) : ErrorBody(message.status(), request_id);
  } else if (match.path_known) {
    status = 405;
  }
  HttpResponse response = MakeResponse(status, std::move(body), request_id, request.keep_alive());
  if (request.method() == http::verb::options) cors.DecoratePreflight(routes.MethodsFor(path), response.base());
  cors.Decorate(request[http::field::origin], response.base());
  return 0;
}

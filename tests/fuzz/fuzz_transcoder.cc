// JSON ↔ protobuf: any body, query string and If-Match against every route
// the gateway serves. Whatever BuildRequest accepts must print back to JSON.
// Input: one byte choosing the route, then query '\n' if-match '\n' body.
#include <google/protobuf/message.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/fronted_services.h"
#include "src/route_table.h"
#include "src/transcoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto routes = *sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices());
  if (size < 1) return 0;
  const auto& route = routes.routes()[data[0] % routes.routes().size()];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto first = rest.find('\n');
  const std::string_view query = rest.substr(0, first);
  rest = first == std::string_view::npos ? std::string_view() : rest.substr(first + 1);
  const auto second = rest.find('\n');
  const std::string_view if_match = rest.substr(0, second);
  const std::string_view body = second == std::string_view::npos ? std::string_view() : rest.substr(second + 1);

  sentra::gateway::RouteMatch match;
  match.route = &route;
  // Path variables as the router would bind them, taken from the query text.
  if (route.path.text().find('{') != std::string::npos) match.path_vars.emplace_back("id", std::string(query));
  auto message = sentra::gateway::BuildRequest(match, query, body, if_match);
  if (message.ok()) {
    const std::string json = sentra::gateway::ToJson(**message);
    if (json.empty() || json.front() != '{') __builtin_trap();
  }
  return 0;
}

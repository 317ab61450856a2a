// Path templates: parsing any template text, and matching any path against
// the templates the gateway really serves and against the fuzzed one.
// Input: template '\n' path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/fronted_services.h"
#include "src/path_template.h"
#include "src/route_table.h"

using sentra::gateway::PathTemplate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto routes = *sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices());
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view template_text = input.substr(0, newline);
  const std::string_view path = newline == std::string_view::npos ? input : input.substr(newline + 1);

  if (auto parsed = PathTemplate::Parse(template_text)) {
    if (auto vars = parsed->Match(path)) {
      // Every bound variable came out of the path, so it cannot be longer.
      for (const auto& [name, value] : *vars) {
        if (value.size() > path.size()) __builtin_trap();
      }
    }
    // The route order is a strict weak order: nothing precedes itself, and
    // of two templates at most one precedes the other.
    if (parsed->Precedes(*parsed)) __builtin_trap();
    if (auto other = PathTemplate::Parse(path)) {
      if (parsed->Precedes(*other) && other->Precedes(*parsed)) __builtin_trap();
    }
  }
  (void)routes.Find("GET", path);
  (void)routes.MethodsFor(path);
  (void)sentra::gateway::PercentDecode(path, true);
  return 0;
}

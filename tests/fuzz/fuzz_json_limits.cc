// The JSON shape bound never lets through what it should stop: whatever it
// accepts and protobuf then parses is no deeper, and holds no more values,
// than the bound says. Small bounds, so the fuzzer reaches their edges.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/json_limits.h"

namespace {

constexpr sentra::gateway::JsonLimits kLimits{.max_depth = 6, .max_values = 40};

// Depth and number of values of a parsed JSON value, as the scan counts
// them: containers and their elements, the top level included.
void Measure(const google::protobuf::Value& value, std::size_t depth, std::size_t& max_depth, std::size_t& values) {
  ++values;
  if (value.has_struct_value()) {
    max_depth = std::max(max_depth, depth + 1);
    for (const auto& [key, member] : value.struct_value().fields()) Measure(member, depth + 1, max_depth, values);
  } else if (value.has_list_value()) {
    max_depth = std::max(max_depth, depth + 1);
    for (const auto& element : value.list_value().values()) Measure(element, depth + 1, max_depth, values);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  if (!sentra::gateway::CheckJsonLimits(json, kLimits).ok()) return 0;
  google::protobuf::Value value;
  const google::protobuf::StringPiece piece(json.data(), json.size());
  if (!google::protobuf::util::JsonStringToMessage(piece, &value).ok()) return 0;
  std::size_t depth = 0;
  std::size_t values = 0;
  Measure(value, 0, depth, values);
  if (depth > kLimits.max_depth || values > kLimits.max_values) __builtin_trap();
  return 0;
}

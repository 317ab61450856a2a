// Bounds on a JSON body's shape, checked by one linear scan before any
// parser sees it. Protobuf's JSON parser limits the nesting of objects but
// not of arrays, and its cost grows faster than the square of the depth: a
// 16 KB body of '[' held a network thread for seconds. Nothing a request of
// this API needs comes near these bounds.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace sentra::gateway {

struct JsonLimits {
  std::size_t max_depth = 32;         // objects and arrays, counted together
  std::size_t max_values = 100'000;   // containers plus elements and members
};

// InvalidArgument (VALIDATION_ERROR on "body") when `json` nests deeper or
// holds more values than `limits` allow; MALFORMED_JSON for a single quote
// outside a string, which protobuf's parser would take as a string of its
// own, and for a comma before a closing bracket, which it would skip. Other syntax is left to the parser: the scan only counts brackets
// and commas outside strings, so it can overcount broken input but never
// undercount what the parser accepts.
absl::Status CheckJsonLimits(std::string_view json, const JsonLimits& limits = {});

}  // namespace sentra::gateway

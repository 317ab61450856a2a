// A JSON body's syntax and bounds on its shape, checked by one pass of a
// strict event parser before protobuf's parser sees it. Protobuf's JSON
// parser limits the nesting of objects but not of arrays, and its cost
// grows faster than the square of the depth: a 16 KB body of '[' held a
// network thread for seconds. Nothing a request of this API needs comes
// near these bounds.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace sentra::gateway {

struct JsonLimits {
  std::size_t max_depth = 32;         // objects and arrays, counted together
  std::size_t max_values = 100'000;   // containers plus elements and members
};

// MALFORMED_JSON unless `json` is one JSON value as RFC 8259 writes it
// (protobuf's own parser also takes unquoted keys, single quotes, "\x41",
// "1." and a comma before a closing bracket, and so would read what the
// client did not mean); VALIDATION_ERROR on "body" when it nests deeper or
// holds more values (containers, their elements and members, the top
// level included) than `limits` allow. The parser stops at the first bound
// passed, so a body of 16 KB of '[' costs microseconds.
absl::Status CheckJsonLimits(std::string_view json, const JsonLimits& limits = {});

}  // namespace sentra::gateway

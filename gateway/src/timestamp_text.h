// Whether a JSON string is a time the API takes for a Timestamp field.
//
// Protobuf's own parser accepts more than RFC 3339 ("1-1-1T0:0:0Z", text
// after a NUL) and aborts the process on a time that leaves the years
// 0001-9999 once its offset applies. So the gateway checks the strict form
// itself before any of it reaches protobuf.
#pragma once

#include <string_view>

namespace sentra::gateway {

enum class TimestampText {
  kValid,       // YYYY-MM-DDTHH:MM:SS[.1-9 digits](Z|+HH:MM|-HH:MM), a real date
  kMalformed,   // anything else
  kOutOfRange,  // well formed, but before 0001-01-01T00:00:00Z or after 9999-12-31T23:59:59.999999999Z
};

TimestampText CheckTimestampText(std::string_view text);

}  // namespace sentra::gateway

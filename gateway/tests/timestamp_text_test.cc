// CheckTimestampText: the strict RFC 3339 form only, and the range
// protobuf can hold once the offset applies (it aborts outside it).
#include "src/timestamp_text.h"

#include <catch2/catch.hpp>

#include <string>

using sentra::gateway::CheckTimestampText;
using sentra::gateway::TimestampText;

TEST_CASE("times in the strict RFC 3339 form pass", "[gateway][time]") {
  for (const char* good : {"2026-03-01T09:30:00Z", "2026-03-01T09:30:00.5Z", "2026-03-01T09:30:00.123456789Z",
                           "2026-03-01T09:30:00+05:30", "2026-03-01T09:30:00-00:00", "2024-02-29T00:00:00Z",
                           "2000-02-29T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                           "0001-01-01T00:30:00+00:30", "9999-12-31T22:59:59-01:00"}) {
    CAPTURE(good);
    CHECK(CheckTimestampText(good) == TimestampText::kValid);
  }
}

TEST_CASE("short fields, other separators, impossible dates and trailing text are malformed", "[gateway][time]") {
  for (const char* bad :
       {"", "tomorrow", "2026-03-01", "2026-03-01T09:30", "2026-03-01T09:30:00", "1-01-01T00:00:00+00:01",
        "01-1-1T0:0:0+23:59", "2026-1-1T1:1:1Z", "2026-03-01 09:30:00Z", "2026-03-01t09:30:00z",
        "2026-03-01T09:30:00.Z", "2026-03-01T09:30:00.1234567890Z", "2026-03-01T09:30:00+0530",
        "2026-03-01T09:30:00+5:30", "2026-03-01T09:30:00+24:00", "2026-03-01T09:30:00+05:60", "2026-03-01T09:30:00ZZ",
        "2026-03-01T09:30:00Z ", " 2026-03-01T09:30:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-03-00T00:00:00Z",
        "2026-03-01T24:00:00Z", "2026-03-01T23:60:00Z", "2026-03-01T23:59:60Z", "0000-06-01T00:00:00Z",
        "+2026-03-01T09:30:00Z", "2026-03-01T09:30:00+05:30:00", "２０２６-03-01T09:30:00Z"}) {
    CAPTURE(bad);
    CHECK(CheckTimestampText(bad) == TimestampText::kMalformed);
  }
  // A NUL inside, where a C string would end early.
  CHECK(CheckTimestampText(std::string("9999-12-31T23:59:59-01:00\0Z", 27)) == TimestampText::kMalformed);
  CHECK(CheckTimestampText(std::string("2026-03-01T09:30:00Z\0junk", 25)) == TimestampText::kMalformed);
}

TEST_CASE("times past 9999-12-31 or before 0001-01-01 in UTC are out of range", "[gateway][time]") {
  for (const char* edge : {"9999-12-31T23:59:59-01:00", "9999-12-31T23:00:00-23:59", "0001-01-01T00:00:00+00:01",
                           "0001-01-01T23:58:59+23:59"}) {
    CAPTURE(edge);
    CHECK(CheckTimestampText(edge) == TimestampText::kOutOfRange);
  }
}

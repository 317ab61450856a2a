#include "timestamp_text.h"

#include <chrono>
#include <cstdint>

namespace sentra::gateway {

namespace {

// Exactly `width` ASCII digits at text[at], as a number.
bool ReadDigits(std::string_view text, std::size_t at, std::size_t width, int& out) {
  if (at + width > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

TimestampText CheckTimestampText(std::string_view text) {
  constexpr auto kMalformed = TimestampText::kMalformed;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || !ReadDigits(text, 0, 4, year) || text[4] != '-' || !ReadDigits(text, 5, 2, month) ||
      text[7] != '-' || !ReadDigits(text, 8, 2, day) || text[10] != 'T' || !ReadDigits(text, 11, 2, hour) ||
      text[13] != ':' || !ReadDigits(text, 14, 2, minute) || text[16] != ':' || !ReadDigits(text, 17, 2, second)) {
    return kMalformed;
  }
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return kMalformed;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return kMalformed;  // 2026-02-30, 2025-02-29

  std::size_t at = 19;
  if (text[at] == '.') {
    const std::size_t first = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == first || at - first > 9) return kMalformed;
  }
  int offset_seconds = 0;
  if (at < text.size() && text[at] == 'Z') {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int offset_hours = 0, offset_minutes = 0;
    if (!ReadDigits(text, at + 1, 2, offset_hours) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !ReadDigits(text, at + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
      return kMalformed;
    }
    offset_seconds = (text[at] == '+' ? 1 : -1) * (offset_hours * 3600 + offset_minutes * 60);
    at += 6;
  } else {
    return kMalformed;
  }
  if (at != text.size()) return kMalformed;  // nothing after the offset, a NUL included

  // The instant in UTC, whole seconds: the fraction cannot carry it past
  // the last second of 9999-12-31, and the range is whole seconds.
  constexpr std::int64_t kFirstSecond = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr std::int64_t kLastSecond = 253402300799;   // 9999-12-31T23:59:59Z
  const std::int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
  const std::int64_t utc = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return utc < kFirstSecond || utc > kLastSecond ? TimestampText::kOutOfRange : TimestampText::kValid;
}

}  // namespace sentra::gateway

#include "sentra/ids/uuid.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

#include "absl/strings/ascii.h"

namespace sentra::ids {

namespace {

std::string Format(const std::array<std::uint8_t, 16>& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xf]);
  }
  return out;
}

// RFC 9562 §6.2 method 1: a 12-bit counter in rand_a keeps ids made within one
// millisecond ordered; when it runs out the timestamp is advanced by one.
struct MonotonicState {
  std::mutex mutex;
  std::uint64_t last_ms = 0;
  std::uint16_t counter = 0;
};

MonotonicState& State() {
  static MonotonicState state = [] {
    if (sodium_init() < 0) std::abort();  // no randomness source: nothing safe to do
    return MonotonicState{};
  }();
  return state;
}

}  // namespace

std::string NewUuidV7(std::chrono::system_clock::time_point now) {
  std::uint64_t ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  MonotonicState& state = State();
  std::array<std::uint8_t, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());  // thread-safe, never fails after sodium_init
  std::uint16_t counter;
  {
    std::lock_guard lock(state.mutex);
    if (ms > state.last_ms) {
      state.last_ms = ms;
      // Start the counter in the lower half so it rarely overflows.
      state.counter = static_cast<std::uint16_t>((bytes[6] << 8 | bytes[7]) & 0x7ff);
    } else if (++state.counter > 0xfff) {
      ++state.last_ms;
      state.counter = 0;
    }
    ms = state.last_ms;
    counter = state.counter;
  }
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  bytes[6] = static_cast<std::uint8_t>(0x70 | (counter >> 8));
  bytes[7] = static_cast<std::uint8_t>(counter & 0xff);
  bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3f));
  return Format(bytes);
}

std::string NewUuidV7() { return NewUuidV7(std::chrono::system_clock::now()); }

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
    } else if (!absl::ascii_isxdigit(static_cast<unsigned char>(text[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> NormalizeUuid(std::string_view text) {
  if (!IsUuid(text)) return std::nullopt;
  std::string lower(text);
  for (char& c : lower) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  return lower;
}

}  // namespace sentra::ids

// Record and event ids: UUIDv7 (RFC 9562), time-ordered so that new rows land
// at the right edge of their B-tree index, and strict parsing of client ids.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sentra::ids {

// A new UUIDv7 in canonical lowercase text form (36 characters). Ids made by
// one process are strictly increasing, even within one millisecond.
std::string NewUuidV7();

// The same, with the timestamp given (for tests and for ordering checks).
std::string NewUuidV7(std::chrono::system_clock::time_point now);

// True when `text` is a canonical UUID: 8-4-4-4-12 hex digits, any case.
bool IsUuid(std::string_view text);

// Lowercases a valid UUID; nullopt for anything else.
std::optional<std::string> NormalizeUuid(std::string_view text);

}  // namespace sentra::ids

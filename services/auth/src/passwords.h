// Password hashing with Argon2id (libsodium, INTERACTIVE limits: ~85 ms and
// 64 MiB per hash here, by design), behind a gate: at most a few hashes run
// at once and a bounded queue waits for them, so a storm of sign-ins costs
// bounded memory and threads. Past the queue a caller is told to come back
// (Unavailable, which the gateway answers with 503 and Retry-After).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::auth {

struct HashLimits {
  int concurrency = 2;                          // hashes at once: about the cores
  int max_waiting = 16;                         // callers queued for a turn
  std::chrono::milliseconds max_wait{2000};     // how long one waits
};

// Set once at start, before any hashing (the default above until then).
void LimitPasswordHashing(HashLimits limits);

absl::StatusOr<std::string> HashPassword(std::string_view password);
// Whether `password` matches `hash`.
absl::StatusOr<bool> VerifyPassword(std::string_view hash, std::string_view password);
// Spends the same time as a real check, so that "no such user" cannot be
// told from "wrong password" by timing.
absl::Status VerifyAgainstDummy(std::string_view password);

}  // namespace sentra::auth

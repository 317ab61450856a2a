// Password hashing with Argon2id (libsodium, INTERACTIVE limits: ~85 ms and
// 64 MiB per hash here, by design).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::auth {

absl::StatusOr<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// Spends the same time as a real check, so that "no such user" cannot be
// told from "wrong password" by timing.
void VerifyAgainstDummy(std::string_view password);

}  // namespace sentra::auth

// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates,
// nothing above U+10FFFF. Input from clients is checked with it before use.
#pragma once

#include <string_view>

namespace sentra::text {

bool IsValidUtf8(std::string_view bytes);

}  // namespace sentra::text

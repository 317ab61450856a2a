// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates,
// nothing above U+10FFFF. Input from clients is checked with it before use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sentra::text {

bool IsValidUtf8(std::string_view bytes);
// Characters (code points) in valid UTF-8: what a length limit a person
// reads counts, so "é" is one, not two.
std::size_t CodePointCount(std::string_view utf8);
// The first `max` characters of valid UTF-8, and "…" after them when that
// cut something off: for previews, never splitting a character.
std::string_view ClipToCodePoints(std::string_view utf8, std::size_t max);
std::string Preview(std::string_view utf8, std::size_t max);

}  // namespace sentra::text

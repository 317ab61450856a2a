#include "sentra/text/utf8.h"

namespace sentra::text {

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    unsigned char min2 = 0x80, max2 = 0xbf;  // allowed range of the second byte
    if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      if (c == 0xe0) min2 = 0xa0;  // overlong
      if (c == 0xed) max2 = 0x9f;  // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      if (c == 0xf0) min2 = 0x90;  // overlong
      if (c == 0xf4) max2 = 0x8f;  // above U+10FFFF
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    if (p[1] < min2 || p[1] > max2) return false;
    for (int i = 2; i <= extra; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
    }
    p += extra + 1;
  }
  return true;
}

std::size_t CodePointCount(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

std::string_view ClipToCodePoints(std::string_view utf8, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) continue;  // inside a character
    if (count == max) return utf8.substr(0, i);
    ++count;
  }
  return utf8;
}

std::string Preview(std::string_view utf8, std::size_t max) {
  const std::string_view clipped = ClipToCodePoints(utf8, max);
  return clipped.size() == utf8.size() ? std::string(utf8) : std::string(clipped) + "\xE2\x80\xA6";
}

}  // namespace sentra::text

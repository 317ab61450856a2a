#include "sentra/text/utf8.h"

#include <catch2/catch.hpp>

using sentra::text::IsValidUtf8;

TEST_CASE("valid UTF-8 of every length is accepted", "[text]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("plain ascii"));
  CHECK(IsValidUtf8("caf\xc3\xa9"));              // é
  CHECK(IsValidUtf8("\xe2\x82\xac"));             // €
  CHECK(IsValidUtf8("\xf0\x9f\x98\x80"));         // 😀
  CHECK(IsValidUtf8("\xf4\x8f\xbf\xbf"));         // U+10FFFF
}

TEST_CASE("invalid UTF-8 is refused", "[text]") {
  CHECK_FALSE(IsValidUtf8("\xff"));
  CHECK_FALSE(IsValidUtf8("\xc3"));               // truncated
  CHECK_FALSE(IsValidUtf8("\xc0\xaf"));           // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xe0\x80\xaf"));       // overlong
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));       // surrogate
  CHECK_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));   // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("ok\x80"));             // stray continuation
  CHECK_FALSE(IsValidUtf8("\xe2\x82"));           // truncated at end
}

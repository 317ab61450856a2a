#include "sentra/text/utf8.h"

#include <catch2/catch.hpp>
#include <string>

#include "sentra/text/validation.h"

using sentra::text::ClipToCodePoints;
using sentra::text::CodePointCount;
using sentra::text::Preview;
using sentra::text::IsValidName;
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

TEST_CASE("length limits count characters, not bytes", "[text]") {
  CHECK(CodePointCount("") == 0);
  CHECK(CodePointCount("abc") == 3);
  CHECK(CodePointCount("\xC3\xA9") == 1);          // é
  CHECK(CodePointCount("\xE2\x98\x8E") == 1);      // ☎
  CHECK(CodePointCount("\xF0\x9F\x98\x80x") == 2);  // 😀x
  std::string two_hundred_e_acute;
  for (int i = 0; i < 200; ++i) two_hundred_e_acute += "\xC3\xA9";
  CHECK(IsValidName(two_hundred_e_acute, 200));
  CHECK_FALSE(IsValidName(two_hundred_e_acute + "x", 200));
}

TEST_CASE("a preview cuts between characters and says it did", "[text]") {
  CHECK(ClipToCodePoints("abc", 5) == "abc");
  CHECK(ClipToCodePoints("abc", 2) == "ab");
  CHECK(ClipToCodePoints("\xC3\xA9\xC3\xA9x", 1) == "\xC3\xA9");
  CHECK(ClipToCodePoints("\xF0\x9F\x98\x80x", 1) == "\xF0\x9F\x98\x80");
  CHECK(ClipToCodePoints("abc", 0).empty());
  CHECK(Preview("abc", 3) == "abc");
  CHECK(Preview("abcd", 3) == "abc\xE2\x80\xA6");
}

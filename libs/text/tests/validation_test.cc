#include "sentra/text/validation.h"

#include <catch2/catch.hpp>

using namespace sentra::text;

TEST_CASE("e-mail addresses are trimmed, lowercased and sanity-checked", "[text]") {
  CHECK(NormalizeEmail("  Ada@Example.COM ") == "ada@example.com");
  CHECK_FALSE(NormalizeEmail("ada"));
  CHECK_FALSE(NormalizeEmail("@example.com"));
  CHECK_FALSE(NormalizeEmail("ada@localhost"));
  CHECK_FALSE(NormalizeEmail("a@b@example.com"));
  CHECK_FALSE(NormalizeEmail("ada@exa..mple.com"));
  CHECK_FALSE(NormalizeEmail("a da@example.com"));
  CHECK_FALSE(NormalizeEmail("ada@example.com\n"
                             "Bcc: x@y.z"));
  CHECK_FALSE(NormalizeEmail("\xff@example.com"));
}

TEST_CASE("slugs are derived from names and validated", "[text]") {
  CHECK(SlugFrom("Acme Agency, Ltd.") == "acme-agency-ltd");
  CHECK(SlugFrom("!!!") == "");
  CHECK(IsValidSlug("acme-2"));
  CHECK_FALSE(IsValidSlug("-acme"));
  CHECK_FALSE(IsValidSlug("Acme"));
  CHECK_FALSE(IsValidSlug("a"));
  CHECK_FALSE(IsValidSlug("acme_co"));
}

TEST_CASE("names must be non-empty, bounded, valid UTF-8 without control characters", "[text]") {
  CHECK(IsValidName("Zoë", 200));
  CHECK_FALSE(IsValidName("   ", 200));
  CHECK_FALSE(IsValidName(std::string(201, 'a'), 200));
  CHECK_FALSE(IsValidName("bad\x01name", 200));
  CHECK_FALSE(IsValidName("bad\xc3", 200));
}

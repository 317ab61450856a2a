// An organization's slug never has the shape of an id, in any spelling
// PostgreSQL reads as a uuid: sign-in takes ids for ids.
#include "src/organization_slug.h"

#include <catch2/catch.hpp>

#include <set>

using sentra::auth::OrganizationSlugFor;
using sentra::auth::OrganizationSlugProblem;
using sentra::auth::OrganizationSlugVariant;

TEST_CASE("slugs are short lowercase words, not ids in any spelling", "[auth][slug]") {
  for (const char* good : {"acme", "acme-2", "0190f1c2", "deadbeef-deadbeef-deadbeef-deadbee",
                           "0190f1c23b4a7def8123456789abcdeg", "0190f1c23b4a7def8123456789abcdef0"}) {
    CAPTURE(good);
    CHECK_FALSE(OrganizationSlugProblem(good));
  }
  for (const char* bad : {"", "a", "-acme", "acme-", "Acme", "ac me", "acmé"}) {
    CAPTURE(bad);
    CHECK(OrganizationSlugProblem(bad) == "must be 2-63 of a-z, 0-9 and '-', not starting or ending with '-'");
  }
  for (const char* id : {"0190f1c2-3b4a-7def-8123-456789abcdef", "0190f1c23b4a7def8123456789abcdef",
                         "0190-f1c2-3b4a-7def-8123-4567-89ab-cdef", "0190f1c2-3b4a7def8123456789abcdef"}) {
    CAPTURE(id);
    CHECK(OrganizationSlugProblem(id) == "must not have the form of an id: sign-in takes that for an id");
  }
}

TEST_CASE("a slug made from a name stays a slug when the name is an id", "[auth][slug]") {
  CHECK(OrganizationSlugFor("Acme Agency GmbH") == "acme-agency-gmbh");
  CHECK(OrganizationSlugFor("0190F1C2-3B4A-7DEF-8123-456789ABCDEF") == "org-0190f1c2-3b4a-7def-8123-456789abcdef");
  const std::string long_id_name = "0190-f1c2-3b4a-7def-8123-4567-89ab-cdef-";
  CHECK_FALSE(OrganizationSlugProblem(OrganizationSlugFor(long_id_name)));
  CHECK_FALSE(OrganizationSlugProblem(OrganizationSlugFor("0190f1c2 3b4a 7def 8123 456789abcdef")));
  // Too few Latin letters or digits for a slug: one of its own.
  for (const char* name : {"日本語の会社", "!!!@@@###", "A", "Я"}) {
    CAPTURE(name);
    const std::string slug = OrganizationSlugFor(name);
    CHECK(slug.starts_with("org-"));
    CHECK_FALSE(OrganizationSlugProblem(slug));
  }
}

TEST_CASE("a variant of a slug keeps it, ends in four letters that are no hex digits, and stays a slug",
          "[auth][slug]") {
  const std::string variant = OrganizationSlugVariant("acme");
  CHECK(variant.size() == 9);
  CHECK(variant.starts_with("acme-"));
  CHECK(variant.find_first_of("0123456789abcdef", 5) == std::string::npos);
  CHECK_FALSE(OrganizationSlugProblem(variant));
  // At the longest, the slug gives way to the ending, and no dash is left
  // before it; 28 hex digits and an ending are not an id.
  const std::string longest(63, 'a');
  CHECK(OrganizationSlugVariant(longest).size() == 63);
  CHECK_FALSE(OrganizationSlugProblem(OrganizationSlugVariant(std::string(57, 'a') + "-b")));
  CHECK_FALSE(OrganizationSlugProblem(OrganizationSlugVariant("0190f1c23b4a7def8123456789ab")));
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) seen.insert(OrganizationSlugVariant("acme"));
  CHECK(seen.size() > 40);  // random endings, not a counter
}

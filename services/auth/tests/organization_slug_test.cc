// An organization's slug never has the shape of an id, in any spelling
// PostgreSQL reads as a uuid: sign-in takes ids for ids.
#include "src/organization_slug.h"

#include <catch2/catch.hpp>

using sentra::auth::OrganizationSlugFor;
using sentra::auth::OrganizationSlugProblem;

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
}

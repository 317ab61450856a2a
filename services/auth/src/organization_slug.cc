#include "organization_slug.h"

#include <sodium.h>

#include "sentra/text/validation.h"

namespace sentra::auth {

namespace {

constexpr std::size_t kMaxSlug = 63;

// 32 hex digits once the dashes are gone: a uuid to PostgreSQL.
bool HasTheShapeOfAnId(std::string_view slug) {
  std::size_t digits = 0;
  for (const char c : slug) {
    if (c == '-') continue;
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    ++digits;
  }
  return digits == 32;
}

}  // namespace

std::optional<std::string> OrganizationSlugProblem(std::string_view slug) {
  if (!text::IsValidSlug(slug)) return "must be 2-63 of a-z, 0-9 and '-', not starting or ending with '-'";
  if (HasTheShapeOfAnId(slug)) return "must not have the form of an id: sign-in takes that for an id";
  return std::nullopt;
}

std::string OrganizationSlugFor(std::string_view name) {
  std::string slug = text::SlugFrom(name);
  // A name with fewer than two Latin letters or digits ("日本語の会社", "A"):
  // a slug of its own, which the founder can change later.
  if (!text::IsValidSlug(slug)) return OrganizationSlugVariant("org");
  if (HasTheShapeOfAnId(slug)) {
    // A name that is an id: "org-" in front keeps it a slug.
    slug = "org-" + slug;
    if (slug.size() > kMaxSlug) slug.resize(kMaxSlug);
    while (slug.back() == '-') slug.pop_back();
  }
  return slug;
}

std::string OrganizationSlugVariant(std::string_view slug) {
  static constexpr char kLetters[] = "ghjkmnpqrstvwxyz";  // none of them a hex digit
  constexpr std::size_t kEnding = 5;                    // '-' and four letters
  std::string variant(slug.substr(0, kMaxSlug - kEnding));
  while (!variant.empty() && variant.back() == '-') variant.pop_back();
  variant += '-';
  for (std::size_t i = 1; i < kEnding; ++i) variant += kLetters[randombytes_uniform(sizeof kLetters - 1)];
  return variant;
}

}  // namespace sentra::auth

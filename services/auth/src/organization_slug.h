// An organization's slug: the name people give at sign-in beside its id.
// Sign-in takes anything shaped like an id for an id, so no slug may have
// that shape, in any spelling PostgreSQL reads as a uuid (with or without
// dashes): another organization's id must never name this one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sentra::auth {

// Why `slug` cannot be an organization's slug, or nullopt when it can.
std::optional<std::string> OrganizationSlugProblem(std::string_view slug);

// The slug for an organization whose founder chose none: from its name,
// kept clear of the shape of an id; "org-" and a random ending when the
// name has too few Latin letters or digits to make one.
std::string OrganizationSlugFor(std::string_view name);

// `slug` with a random ending ("acme-kqzt"), for a slug made from a name
// that another organization already has: the founder never chose it, so it
// should neither fail their sign-up nor tell them that organization exists.
// The ending has no hex digits, so the result is never shaped like an id.
std::string OrganizationSlugVariant(std::string_view slug);

}  // namespace sentra::auth

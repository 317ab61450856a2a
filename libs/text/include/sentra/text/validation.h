// Checks and normal forms for what people type at signup and login.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sentra::text {

// Lowercased, trimmed e-mail, or nullopt when it is not a plausible address.
std::optional<std::string> NormalizeEmail(std::string_view email);
// "Acme Agency, Ltd." → "acme-agency-ltd"; may be empty.
std::string SlugFrom(std::string_view name);
bool IsValidSlug(std::string_view slug);
// Valid UTF-8 without control characters, 1..max bytes after trimming.
bool IsValidName(std::string_view name, std::size_t max);
std::string Trim(std::string_view text);
// "%text%" for LIKE/ILIKE, with '%', '_' and '\' in `text` matching
// themselves; "" for "" (no filter).
std::string ContainsPattern(std::string_view text);

}  // namespace sentra::text

// Path templates of the HTTP mappings: "/v1/leads/{id}" matches
// "/v1/leads/0190…" and binds id. Literal segments must match exactly; a
// variable matches one non-empty segment (percent-decoded, no '/').
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sentra::gateway {

class PathTemplate {
 public:
  // nullopt for a malformed template (checked at start-up).
  static std::optional<PathTemplate> Parse(std::string_view text);

  // On a match, the bound variables in template order.
  std::optional<std::vector<std::pair<std::string, std::string>>> Match(std::string_view path) const;

  const std::string& text() const { return text_; }
  // The variables' names, in template order: "/v1/notes/{id}" → {"id"}.
  std::vector<std::string> variables() const;
  // Whether this template is tried before `other`: at the first segment where
  // one has a literal and the other a variable, the literal wins, so
  // "/v1/clients/duplicates" is matched before "/v1/clients/{id}". A strict
  // weak order, for sorting.
  bool Precedes(const PathTemplate& other) const;

 private:
  struct Segment {
    std::string text;
    bool variable;
  };
  std::string text_;
  std::vector<Segment> segments_;
};

// Percent-decoding of one path segment or query component; nullopt for a
// bad escape. `plus_is_space` for query strings.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace sentra::gateway

#include "path_template.h"

#include <algorithm>

namespace sentra::gateway {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<PathTemplate> PathTemplate::Parse(std::string_view text) {
  if (text.empty() || text.front() != '/') return std::nullopt;
  PathTemplate t;
  t.text_ = std::string(text);
  std::string_view rest = text.substr(1);
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty()) return std::nullopt;
    if (segment.front() == '{') {
      if (segment.back() != '}' || !IsIdentifier(segment.substr(1, segment.size() - 2))) return std::nullopt;
      t.segments_.push_back({std::string(segment.substr(1, segment.size() - 2)), true});
    } else {
      if (segment.find_first_of("{}") != std::string_view::npos) return std::nullopt;
      t.segments_.push_back({std::string(segment), false});
    }
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return t;
}

std::vector<std::string> PathTemplate::variables() const {
  std::vector<std::string> names;
  for (const Segment& segment : segments_) {
    if (segment.variable) names.push_back(segment.text);
  }
  return names;
}

bool PathTemplate::Precedes(const PathTemplate& other) const {
  return std::lexicographical_compare(segments_.begin(), segments_.end(), other.segments_.begin(),
                                      other.segments_.end(), [](const Segment& a, const Segment& b) {
                                        return !a.variable && b.variable;
                                      });
}

std::optional<std::vector<std::pair<std::string, std::string>>> PathTemplate::Match(
    std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::pair<std::string, std::string>> bound;
  std::string_view rest = path.substr(1);
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const bool last = i + 1 == segments_.size();
    if (last != (slash == std::string_view::npos)) return std::nullopt;
    if (segments_[i].variable) {
      auto decoded = PercentDecode(segment, false);
      if (!decoded || decoded->empty() || decoded->find('/') != std::string::npos) return std::nullopt;
      bound.emplace_back(segments_[i].text, *std::move(decoded));
    } else if (segment != segments_[i].text) {
      return std::nullopt;
    }
    if (!last) rest = rest.substr(slash + 1);
  }
  return bound;
}

}  // namespace sentra::gateway

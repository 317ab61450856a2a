#include "json_limits.h"

#include "fmt/format.h"
#include "sentra/errors/errors.h"

namespace sentra::gateway {

namespace {

absl::Status Malformed(std::string_view why) {
  return errors::WithCode(absl::InvalidArgumentError("malformed JSON: " + std::string(why)), errors::kMalformedJson);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

absl::Status TooMany(const JsonLimits& limits) {
  return errors::Validation("body", fmt::format("holds more than {} values", limits.max_values));
}

}  // namespace

absl::Status CheckJsonLimits(std::string_view json, const JsonLimits& limits) {
  std::size_t depth = 0;
  std::size_t values = 0;
  bool in_string = false;
  char previous = 0;  // the last character outside strings and whitespace
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
      continue;
    }
    if (IsSpace(c)) continue;
    // Protobuf's parser accepts a comma before a closing bracket; JSON
    // does not, and a client that sends one may have meant something else.
    if ((c == ']' || c == '}') && previous == ',') return Malformed("a comma before a closing bracket");
    previous = c;
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '\'':
        // Protobuf's parser also takes 'strings', which this scan would
        // not see as strings: a quote inside one would hide every bracket
        // after it. JSON has no such thing.
        return Malformed("strings are in double quotes");
      case '[':
      case '{':
        // The container and its first element; each comma adds one more.
        // An empty container is counted once too often, which is fine.
        values += 2;
        if (values > limits.max_values) return TooMany(limits);
        if (++depth > limits.max_depth) {
          return errors::Validation("body", fmt::format("nests objects and arrays deeper than {} levels",
                                                        limits.max_depth));
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      case ',':
        if (++values > limits.max_values) return TooMany(limits);
        break;
      default:
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace sentra::gateway

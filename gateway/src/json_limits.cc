#include "json_limits.h"

// Boost.JSON's event parser, in this one file: it checks the syntax as RFC
// 8259 writes it and calls the handler below for each value, allocating
// nothing for the values themselves. Its library is compiled into this
// file too (src.hpp), so the gateway needs no Boost package beyond the
// headers it already builds with.
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/src.hpp>

#include "fmt/format.h"
#include "sentra/errors/errors.h"

namespace sentra::gateway {

namespace {

using boost::system::error_code;
using Text = boost::json::string_view;

// Counts depth and values as the parser meets them; says stop (false) at
// the first bound passed, leaving which one in `exceeded`.
class LimitCounter {
 public:
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  enum class Exceeded { kNone, kDepth, kValues };

  explicit LimitCounter(const JsonLimits& limits) : limits_(limits) {}

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code& ec) { return Open(ec); }
  bool on_object_end(std::size_t, error_code&) { return Close(); }
  bool on_array_begin(error_code& ec) { return Open(ec); }
  bool on_array_end(std::size_t, error_code&) { return Close(); }
  bool on_key_part(Text, std::size_t, error_code&) { return true; }
  bool on_key(Text, std::size_t, error_code&) { return true; }
  bool on_string_part(Text, std::size_t, error_code&) { return true; }
  bool on_string(Text, std::size_t, error_code& ec) { return Value(ec); }
  bool on_number_part(Text, error_code&) { return true; }
  bool on_int64(std::int64_t, Text, error_code& ec) { return Value(ec); }
  bool on_uint64(std::uint64_t, Text, error_code& ec) { return Value(ec); }
  bool on_double(double, Text, error_code& ec) { return Value(ec); }
  bool on_bool(bool, error_code& ec) { return Value(ec); }
  bool on_null(error_code& ec) { return Value(ec); }
  bool on_comment_part(Text, error_code&) { return true; }
  bool on_comment(Text, error_code&) { return true; }

  Exceeded exceeded = Exceeded::kNone;

 private:
  bool Stop(error_code& ec, Exceeded which) {
    exceeded = which;
    ec = boost::json::error::exception;  // any error: the parser stops here
    return false;
  }
  bool Value(error_code& ec) { return ++values_ > limits_.max_values ? Stop(ec, Exceeded::kValues) : true; }
  bool Open(error_code& ec) {
    if (++depth_ > limits_.max_depth) return Stop(ec, Exceeded::kDepth);
    return Value(ec);
  }
  bool Close() {
    --depth_;
    return true;
  }

  const JsonLimits& limits_;
  std::size_t depth_ = 0;
  std::size_t values_ = 0;
};

}  // namespace

absl::Status CheckJsonLimits(std::string_view json, const JsonLimits& limits) {
  // Strict JSON: no comments, no comma before a closing bracket, valid
  // UTF-8. The depth is bounded by the counter, which names the bound.
  boost::json::parse_options options;
  options.max_depth = limits.max_depth + 1;
  boost::json::basic_parser<LimitCounter> parser(options, limits);
  error_code ec;
  const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
  switch (parser.handler().exceeded) {
    case LimitCounter::Exceeded::kDepth:
      return errors::Validation("body", fmt::format("nests objects and arrays deeper than {} levels", limits.max_depth));
    case LimitCounter::Exceeded::kValues:
      return errors::Validation("body", fmt::format("holds more than {} values", limits.max_values));
    case LimitCounter::Exceeded::kNone:
      break;
  }
  if (ec) {
    return errors::WithCode(
        absl::InvalidArgumentError(fmt::format("malformed JSON: {} near byte {}", ec.message(), used + 1)),
        errors::kMalformedJson);
  }
  if (used != json.size()) {
    return errors::WithCode(
        absl::InvalidArgumentError(fmt::format("malformed JSON: text after the value at byte {}", used + 1)),
        errors::kMalformedJson);
  }
  return absl::OkStatus();
}

}  // namespace sentra::gateway

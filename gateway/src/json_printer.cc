#include "json_printer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/escaping.h"
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>

namespace sentra::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Reflection;

// The range protobuf's JSON mapping gives Timestamp and Duration.
constexpr std::int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr std::int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr std::int64_t kMaxDurationSeconds = 315576000000;

// Beyond ASCII, the characters protobuf's printer writes as \u escapes
// (C1 controls, invisible format characters, line and paragraph
// separators), so that the text is the same as it was byte for byte.
bool EscapedBeyondAscii(char32_t c) {
  return (c >= 0x80 && c <= 0x9f) || c == 0xad || (c >= 0x600 && c <= 0x603) || c == 0x6dd || c == 0x70f ||
         c == 0x17b4 || c == 0x17b5 || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x206a && c <= 0x206f) || c == 0xfeff ||
         (c >= 0xfff9 && c <= 0xfffb) || (c >= 0x1d173 && c <= 0x1d17a) || c == 0xe0001 ||
         (c >= 0xe0020 && c <= 0xe007f);
}

void AppendUnicodeEscape(char32_t unit, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char escape[6] = {'\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf], kHex[(unit >> 4) & 0xf],
                          kHex[unit & 0xf]};
  out.append(escape, 6);
}

// The code point starting at text[i] and its length in bytes; length 0 for
// a byte that starts no valid UTF-8 sequence.
std::pair<char32_t, std::size_t> DecodeUtf8(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length == 0 || lead > 0xf4 || i + length > text.size()) return {0, 0};
  char32_t c = lead & (0x7f >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return {0, 0};
    c = (c << 6) | (byte(i + k) & 0x3f);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kSmallest[length] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return {0, 0};
  return {c, length};
}

void AppendString(std::string_view text, std::string& out) {
  out += '"';
  std::size_t plain = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const auto [code, length] = DecodeUtf8(text, i);
      if (length > 0 && !EscapedBeyondAscii(code)) {
        i += length - 1;
        continue;
      }
      out.append(text.data() + plain, i - plain);
      if (length == 0) {  // not UTF-8: dropped (protobuf drops such bytes too, some around them as well)
        plain = i + 1;
        continue;
      }
      if (code > 0xffff) {  // as a surrogate pair
        AppendUnicodeEscape(0xd800 + ((code - 0x10000) >> 10), out);
        AppendUnicodeEscape(0xdc00 + ((code - 0x10000) & 0x3ff), out);
      } else {
        AppendUnicodeEscape(code, out);
      }
      i += length - 1;
      plain = i + 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != 0x7f) continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: AppendUnicodeEscape(c, out);
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

// The shortest text that reads back as the same double (protobuf's
// SimpleDtoa: 15 significant digits when they round-trip, else 17).
void AppendDouble(double value, std::string& out) {
  char buffer[32];
  int n = std::snprintf(buffer, sizeof buffer, "%.15g", value);
  if (std::strtod(buffer, nullptr) != value) n = std::snprintf(buffer, sizeof buffer, "%.17g", value);
  out.append(buffer, static_cast<std::size_t>(n));
}

void AppendFloat(float value, std::string& out) {
  char buffer[32];
  int n = std::snprintf(buffer, sizeof buffer, "%.6g", value);
  if (std::strtof(buffer, nullptr) != value) n = std::snprintf(buffer, sizeof buffer, "%.9g", value);
  out.append(buffer, static_cast<std::size_t>(n));
}

template <typename Number>
void AppendNumber(Number value, std::string& out) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

template <typename Number>
void AppendQuoted(Number value, std::string& out) {
  out += '"';
  AppendNumber(value, out);
  out += '"';
}

// Two digits of a date or time.
void AppendTwo(unsigned value, std::string& out) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

// The proleptic Gregorian date of a day counted from 1970-01-01 (the
// civil-from-days algorithm: eras of 400 years, years from March).
void AppendDate(std::int64_t days, std::string& out) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const auto year = static_cast<unsigned>(static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0));
  AppendTwo(year / 100, out);
  AppendTwo(year % 100, out);
  out += '-';
  AppendTwo(month, out);
  out += '-';
  AppendTwo(day, out);
}

// Fraction digits in threes, as protobuf writes them: none, 3, 6 or 9.
void AppendNanos(std::int32_t nanos, std::string& out) {
  if (nanos == 0) return;
  int digits = 9;
  if (nanos % 1000000 == 0) {
    nanos /= 1000000;
    digits = 3;
  } else if (nanos % 1000 == 0) {
    nanos /= 1000;
    digits = 6;
  }
  char buffer[10] = {'.'};
  for (int i = digits; i > 0; --i, nanos /= 10) buffer[i] = static_cast<char>('0' + nanos % 10);
  out.append(buffer, static_cast<std::size_t>(digits) + 1);
}

bool AppendTimestamp(std::int64_t seconds, std::int32_t nanos, std::string& out) {
  if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds || nanos < 0 || nanos > 999999999) {
    return false;
  }
  // Floor division: the day a negative time falls in starts before it.
  const std::int64_t days = (seconds >= 0 ? seconds : seconds - 86399) / 86400;
  const auto second_of_day = static_cast<unsigned>(seconds - days * 86400);
  out += '"';
  AppendDate(days, out);
  out += 'T';
  AppendTwo(second_of_day / 3600, out);
  out += ':';
  AppendTwo(second_of_day / 60 % 60, out);
  out += ':';
  AppendTwo(second_of_day % 60, out);
  AppendNanos(nanos, out);
  out += "Z\"";
  return true;
}

bool AppendDuration(std::int64_t seconds, std::int32_t nanos, std::string& out) {
  if (seconds < -kMaxDurationSeconds || seconds > kMaxDurationSeconds || nanos < -999999999 || nanos > 999999999 ||
      (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0)) {
    return false;
  }
  out += '"';
  if (seconds < 0 || nanos < 0) out += '-';
  AppendNumber(seconds < 0 ? -seconds : seconds, out);
  AppendNanos(nanos < 0 ? -nanos : nanos, out);
  out += "s\"";
  return true;
}

// google.protobuf.Int64Value and its kin: printed as the value they wrap.
bool IsWrapper(Descriptor::WellKnownType kind) {
  switch (kind) {
    case Descriptor::WELLKNOWNTYPE_DOUBLEVALUE:
    case Descriptor::WELLKNOWNTYPE_FLOATVALUE:
    case Descriptor::WELLKNOWNTYPE_INT64VALUE:
    case Descriptor::WELLKNOWNTYPE_UINT64VALUE:
    case Descriptor::WELLKNOWNTYPE_INT32VALUE:
    case Descriptor::WELLKNOWNTYPE_UINT32VALUE:
    case Descriptor::WELLKNOWNTYPE_STRINGVALUE:
    case Descriptor::WELLKNOWNTYPE_BYTESVALUE:
    case Descriptor::WELLKNOWNTYPE_BOOLVALUE: return true;
    default: return false;
  }
}

// Well-known types protobuf writes as one JSON string or number.
bool PrintedAsScalar(const FieldDescriptor* field) {
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return false;
  const auto kind = field->message_type()->well_known_type();
  return kind == Descriptor::WELLKNOWNTYPE_TIMESTAMP || kind == Descriptor::WELLKNOWNTYPE_DURATION || IsWrapper(kind);
}

// Singular fields protobuf 3.21's printer appends after the others: it
// fills in every other field's default first, then adds these as they come
// (the types above, scalars with presence: proto3 `optional` and oneof
// members, and Value and ListValue).
bool PrintedLast(const FieldDescriptor* field) {
  if (field->is_repeated()) return false;
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return field->has_presence();
  const auto kind = field->message_type()->well_known_type();
  return PrintedAsScalar(field) || kind == Descriptor::WELLKNOWNTYPE_VALUE ||
         kind == Descriptor::WELLKNOWNTYPE_LISTVALUE;
}

// A type's fields in the order protobuf 3.21 prints them: by number, those
// above last. Kept so the API's text is what it was. Per thread, so nothing
// is locked; the gateway's few threads each hold a list per response type.
// A node map: the list handed out stays where it is while nested types
// add theirs.
const std::vector<const FieldDescriptor*>& FieldsInPrintOrder(const Descriptor* type) {
  thread_local absl::node_hash_map<const Descriptor*, std::vector<const FieldDescriptor*>> cache;
  auto [it, added] = cache.try_emplace(type);
  if (added) {
    auto& fields = it->second;
    fields.reserve(static_cast<std::size_t>(type->field_count()));
    for (int i = 0; i < type->field_count(); ++i) fields.push_back(type->field(i));
    const auto rank = [](const FieldDescriptor* f) { return std::pair(PrintedLast(f), f->number()); };
    std::sort(fields.begin(), fields.end(),
              [&](const FieldDescriptor* a, const FieldDescriptor* b) { return rank(a) < rank(b); });
  }
  return it->second;
}

class Printer {
 public:
  explicit Printer(std::string& out) : out_(out) {}

  bool PrintMessage(const google::protobuf::Message& message) {
    const Descriptor* type = message.GetDescriptor();
    switch (type->well_known_type()) {
      case Descriptor::WELLKNOWNTYPE_UNSPECIFIED: return Fields(message);
      case Descriptor::WELLKNOWNTYPE_TIMESTAMP:
      case Descriptor::WELLKNOWNTYPE_DURATION: {
        const Reflection* r = message.GetReflection();
        const std::int64_t seconds = r->GetInt64(message, type->field(0));
        const std::int32_t nanos = r->GetInt32(message, type->field(1));
        return type->well_known_type() == Descriptor::WELLKNOWNTYPE_TIMESTAMP
                   ? AppendTimestamp(seconds, nanos, out_)
                   : AppendDuration(seconds, nanos, out_);
      }
      case Descriptor::WELLKNOWNTYPE_STRUCT: return Map(message, type->field(0));
      case Descriptor::WELLKNOWNTYPE_LISTVALUE: return Repeated(message, type->field(0));
      case Descriptor::WELLKNOWNTYPE_VALUE: return Value(message);
      default:  // the wrappers; Any and FieldMask are left to protobuf
        return IsWrapper(type->well_known_type()) && Singular(message, type->field(0));
    }
  }

 private:
  bool Fields(const google::protobuf::Message& message) {
    const Reflection* r = message.GetReflection();
    out_ += '{';
    bool first = true;
    for (const FieldDescriptor* field : FieldsInPrintOrder(message.GetDescriptor())) {
      // Scalars without presence and repeated fields are printed even when
      // empty; messages, members of a oneof and proto3 `optional` fields
      // only when set.
      if (!field->is_repeated() && field->has_presence() && !r->HasField(message, field)) continue;
      if (!first) out_ += ',';
      first = false;
      AppendString(field->name(), out_);
      out_ += ':';
      const bool ok = field->is_map()        ? Map(message, field)
                      : field->is_repeated() ? Repeated(message, field)
                                             : Singular(message, field);
      if (!ok) return false;
    }
    out_ += '}';
    return true;
  }

  bool Singular(const google::protobuf::Message& message, const FieldDescriptor* field) {
    const Reflection* r = message.GetReflection();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: AppendNumber(r->GetInt32(message, field), out_); return true;
      case FieldDescriptor::CPPTYPE_UINT32: AppendNumber(r->GetUInt32(message, field), out_); return true;
      case FieldDescriptor::CPPTYPE_INT64: AppendQuoted(r->GetInt64(message, field), out_); return true;
      case FieldDescriptor::CPPTYPE_UINT64: AppendQuoted(r->GetUInt64(message, field), out_); return true;
      case FieldDescriptor::CPPTYPE_DOUBLE: return Double(r->GetDouble(message, field));
      case FieldDescriptor::CPPTYPE_FLOAT: return Float(r->GetFloat(message, field));
      case FieldDescriptor::CPPTYPE_BOOL: out_ += r->GetBool(message, field) ? "true" : "false"; return true;
      case FieldDescriptor::CPPTYPE_ENUM: Enum(field, r->GetEnumValue(message, field)); return true;
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        Text(field, r->GetStringReference(message, field, &scratch));
        return true;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: return PrintMessage(r->GetMessage(message, field));
    }
    return false;
  }

  bool Repeated(const google::protobuf::Message& message, const FieldDescriptor* field) {
    const Reflection* r = message.GetReflection();
    const int size = r->FieldSize(message, field);
    out_ += '[';
    for (int i = 0; i < size; ++i) {
      if (i > 0) out_ += ',';
      bool ok = true;
      switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32: AppendNumber(r->GetRepeatedInt32(message, field, i), out_); break;
        case FieldDescriptor::CPPTYPE_UINT32: AppendNumber(r->GetRepeatedUInt32(message, field, i), out_); break;
        case FieldDescriptor::CPPTYPE_INT64: AppendQuoted(r->GetRepeatedInt64(message, field, i), out_); break;
        case FieldDescriptor::CPPTYPE_UINT64: AppendQuoted(r->GetRepeatedUInt64(message, field, i), out_); break;
        case FieldDescriptor::CPPTYPE_DOUBLE: ok = Double(r->GetRepeatedDouble(message, field, i)); break;
        case FieldDescriptor::CPPTYPE_FLOAT: ok = Float(r->GetRepeatedFloat(message, field, i)); break;
        case FieldDescriptor::CPPTYPE_BOOL: out_ += r->GetRepeatedBool(message, field, i) ? "true" : "false"; break;
        case FieldDescriptor::CPPTYPE_ENUM: Enum(field, r->GetRepeatedEnumValue(message, field, i)); break;
        case FieldDescriptor::CPPTYPE_STRING: {
          std::string scratch;
          Text(field, r->GetRepeatedStringReference(message, field, i, &scratch));
          break;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE: ok = PrintMessage(r->GetRepeatedMessage(message, field, i)); break;
      }
      if (!ok) return false;
    }
    out_ += ']';
    return true;
  }

  // A map field (and a Struct's fields): an object keyed by the entries'
  // keys, as text whatever their type, in the keys' order as protobuf
  // writes them.
  bool Map(const google::protobuf::Message& message, const FieldDescriptor* field) {
    const Reflection* r = message.GetReflection();
    const int size = r->FieldSize(message, field);
    absl::InlinedVector<const google::protobuf::Message*, 8> entries;
    for (int i = 0; i < size; ++i) entries.push_back(&r->GetRepeatedMessage(message, field, i));
    const FieldDescriptor* key = field->message_type()->map_key();
    std::sort(entries.begin(), entries.end(), [key](const auto* a, const auto* b) { return KeyLess(*a, *b, key); });
    out_ += '{';
    bool first = true;
    for (const google::protobuf::Message* entry : entries) {
      const Reflection* er = entry->GetReflection();
      if (!first) out_ += ',';
      first = false;
      switch (key->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: {
          std::string scratch;
          AppendString(er->GetStringReference(*entry, key, &scratch), out_);
          break;
        }
        case FieldDescriptor::CPPTYPE_BOOL: out_ += er->GetBool(*entry, key) ? "\"true\"" : "\"false\""; break;
        case FieldDescriptor::CPPTYPE_INT32: AppendQuoted(er->GetInt32(*entry, key), out_); break;
        case FieldDescriptor::CPPTYPE_UINT32: AppendQuoted(er->GetUInt32(*entry, key), out_); break;
        case FieldDescriptor::CPPTYPE_INT64: AppendQuoted(er->GetInt64(*entry, key), out_); break;
        case FieldDescriptor::CPPTYPE_UINT64: AppendQuoted(er->GetUInt64(*entry, key), out_); break;
        default: return false;
      }
      out_ += ':';
      if (!Singular(*entry, field->message_type()->map_value())) return false;
    }
    out_ += '}';
    return true;
  }

  static bool KeyLess(const google::protobuf::Message& a, const google::protobuf::Message& b,
                      const FieldDescriptor* key) {
    const Reflection* r = a.GetReflection();
    switch (key->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch_a;
        std::string scratch_b;
        return r->GetStringReference(a, key, &scratch_a) < r->GetStringReference(b, key, &scratch_b);
      }
      case FieldDescriptor::CPPTYPE_BOOL: return r->GetBool(a, key) < r->GetBool(b, key);
      case FieldDescriptor::CPPTYPE_INT32: return r->GetInt32(a, key) < r->GetInt32(b, key);
      case FieldDescriptor::CPPTYPE_UINT32: return r->GetUInt32(a, key) < r->GetUInt32(b, key);
      case FieldDescriptor::CPPTYPE_INT64: return r->GetInt64(a, key) < r->GetInt64(b, key);
      case FieldDescriptor::CPPTYPE_UINT64: return r->GetUInt64(a, key) < r->GetUInt64(b, key);
      default: return false;
    }
  }

  // google.protobuf.Value: the JSON value it holds.
  bool Value(const google::protobuf::Message& value) {
    const Reflection* r = value.GetReflection();
    const FieldDescriptor* kind = r->GetOneofFieldDescriptor(value, value.GetDescriptor()->oneof_decl(0));
    if (kind == nullptr) return false;
    if (kind->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {  // null_value
      out_ += "null";
      return true;
    }
    if (kind->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE && !std::isfinite(r->GetDouble(value, kind))) return false;
    return Singular(value, kind);
  }

  bool Double(double value) {
    if (std::isnan(value)) out_ += "\"NaN\"";
    else if (std::isinf(value)) out_ += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    else AppendDouble(value, out_);
    return true;
  }

  bool Float(float value) {
    if (std::isnan(value)) out_ += "\"NaN\"";
    else if (std::isinf(value)) out_ += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    else AppendFloat(value, out_);
    return true;
  }

  void Enum(const FieldDescriptor* field, int number) {
    if (field->enum_type()->full_name() == "google.protobuf.NullValue") {
      out_ += "null";
      return;
    }
    const auto* value = field->enum_type()->FindValueByNumber(number);
    if (value != nullptr) AppendString(value->name(), out_);
    else AppendNumber(number, out_);
  }

  void Text(const FieldDescriptor* field, const std::string& text) {
    if (field->type() == FieldDescriptor::TYPE_BYTES) AppendString(absl::Base64Escape(text), out_);
    else AppendString(text, out_);
  }

  std::string& out_;
};

}  // namespace

void AppendJsonText(std::string_view text, std::string& out) { AppendString(text, out); }

bool AppendJson(const google::protobuf::Message& message, std::string& out) {
  const std::size_t before = out.size();
  if (Printer(out).PrintMessage(message)) return true;
  out.resize(before);
  return false;
}

}  // namespace sentra::gateway

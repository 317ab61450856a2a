#include "body_shape.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "sentra/errors/errors.h"
#include "timestamp_text.h"

namespace sentra::gateway {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Value;
using errors::FieldError;

// An integer as the parser takes one in a string: digits, perhaps a minus,
// nothing else ("1e3", "0x10", " 5" and "5.0" it refuses).
bool IsDecimalInteger(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Field paths in the order people read them: lines[2] before lines[10].
bool FieldOrder(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t end_a = i, end_b = j;
      while (end_a < a.size() && std::isdigit(static_cast<unsigned char>(a[end_a]))) ++end_a;
      while (end_b < b.size() && std::isdigit(static_cast<unsigned char>(b[end_b]))) ++end_b;
      // The shorter run first, then by digit: numeric order for indexes.
      if (end_a - i != end_b - j) return end_a - i < end_b - j;
      if (const int c = a.substr(i, end_a - i).compare(b.substr(j, end_b - j)); c != 0) return c < 0;
      i = end_a;
      j = end_b;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

class ShapeCheck {
 public:
  void Message(const Descriptor& type, const google::protobuf::Struct& body, const std::string& prefix) {
    std::vector<const FieldDescriptor*> seen;
    for (const auto& [name, value] : body.fields()) {
      const FieldDescriptor* field = FindField(type, name);
      if (field == nullptr) {
        Problem(prefix + name, "is not a field of this request");
      } else if (std::find(seen.begin(), seen.end(), field) != seen.end()) {
        // "due_at" and "dueAt" both: the parser would keep either.
        Problem(prefix + field->name(), "is given twice, in snake_case and in camelCase");
      } else {
        seen.push_back(field);
        Field(*field, value, prefix + field->name());
      }
    }
  }

  std::vector<FieldError> problems;

 private:
  static const FieldDescriptor* FindField(const Descriptor& type, const std::string& name) {
    if (const FieldDescriptor* field = type.FindFieldByName(name)) return field;
    for (int i = 0; i < type.field_count(); ++i) {
      if (type.field(i)->json_name() == name) return type.field(i);
    }
    return nullptr;
  }

  void Problem(std::string field, std::string message) { problems.push_back({std::move(field), std::move(message)}); }

  // A member: null is every field's default in proto3's JSON.
  void Field(const FieldDescriptor& field, const Value& value, const std::string& path) {
    if (value.kind_case() == Value::kNullValue) return;
    if (field.is_map()) {
      if (value.kind_case() != Value::kStructValue) return Problem(path, "must be an object");
      const FieldDescriptor& entry_value = *field.message_type()->map_value();
      for (const auto& [key, item] : value.struct_value().fields()) Single(entry_value, item, path + "." + key);
      return;
    }
    if (field.is_repeated()) {
      if (value.kind_case() != Value::kListValue) return Problem(path, "must be a list");
      const auto& items = value.list_value().values();
      // null is a value only in a list of JSON values; elsewhere the parser
      // would drop it, and the client would not learn its list is shorter.
      const bool null_is_value = field.message_type() != nullptr &&
                                 field.message_type()->full_name() == "google.protobuf.Value";
      for (int i = 0; i < items.size(); ++i) {
        if (items[i].kind_case() == Value::kNullValue && !null_is_value) {
          Problem(path + "[" + std::to_string(i) + "]", "must not be null");
        } else {
          Single(field, items[i], path + "[" + std::to_string(i) + "]");
        }
      }
      return;
    }
    Single(field, value, path);
  }

  // One value of the field's type (an element, for a list).
  void Single(const FieldDescriptor& field, const Value& value, const std::string& path) {
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (value.kind_case() != Value::kStringValue) Problem(path, "must be a string");
        return;
      case FieldDescriptor::CPPTYPE_BOOL:
        // The parser also takes "true" and "false" as strings, as clients
        // have sent them, but "1", "yes" and "t" too, and reads "" or
        // "maybe" as a message for the body: only the two words pass.
        if (value.kind_case() != Value::kBoolValue &&
            (value.kind_case() != Value::kStringValue ||
             (value.string_value() != "true" && value.string_value() != "false"))) {
          Problem(path, "must be true or false");
        }
        return;
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        if (value.kind_case() != Value::kNumberValue && value.kind_case() != Value::kStringValue) {
          Problem(path, "must be a number");
        }
        return;
      case FieldDescriptor::CPPTYPE_INT32: return Integer(value, path, std::numeric_limits<std::int32_t>::min(),
                                                          std::numeric_limits<std::int32_t>::max());
      case FieldDescriptor::CPPTYPE_INT64: return Integer(value, path, -9.223372036854775808e18, 9.223372036854775807e18);
      case FieldDescriptor::CPPTYPE_UINT32: return Integer(value, path, 0, std::numeric_limits<std::uint32_t>::max());
      case FieldDescriptor::CPPTYPE_UINT64: return Integer(value, path, 0, 1.8446744073709551615e19);
      case FieldDescriptor::CPPTYPE_ENUM: return Enum(*field.enum_type(), value, path);
      case FieldDescriptor::CPPTYPE_MESSAGE: return MessageValue(*field.message_type(), value, path);
    }
  }

  void Integer(const Value& value, const std::string& path, double min, double max) {
    double number = 0;
    if (value.kind_case() == Value::kNumberValue) {
      number = value.number_value();
    } else if (value.kind_case() != Value::kStringValue || !IsDecimalInteger(value.string_value()) ||
               !absl::SimpleAtod(value.string_value(), &number)) {
      return Problem(path, "must be a whole number");
    }
    if (!std::isfinite(number) || std::trunc(number) != number) return Problem(path, "must be a whole number");
    // The bounds as doubles: the parser rejects the few values right at the
    // edge of the 64-bit ranges that round into them.
    if (number < min || number > max) Problem(path, "is out of range");
  }

  // A name of the enum, or a number (proto3's enums are open: which
  // numbers it takes is the parser's to say).
  void Enum(const google::protobuf::EnumDescriptor& type, const Value& value, const std::string& path) {
    if (value.kind_case() == Value::kStringValue && type.FindValueByName(value.string_value()) != nullptr) return;
    if (value.kind_case() == Value::kNumberValue || value.kind_case() == Value::kStringValue) {
      const std::size_t before = problems.size();
      Integer(value, path, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max());
      if (problems.size() == before) return;
      problems.resize(before);
    }
    std::string names;
    for (int i = 0; i < type.value_count(); ++i) names += (i > 0 ? ", " : "") + type.value(i)->name();
    Problem(path, "must be one of " + names);
  }

  // A nested message, or one of the well-known types that JSON spells as a
  // scalar.
  void MessageValue(const Descriptor& type, const Value& value, const std::string& path) {
    const std::string& name = type.full_name();
    if (name == "google.protobuf.Timestamp") {
      const TimestampText shape = value.kind_case() == Value::kStringValue ? CheckTimestampText(value.string_value())
                                                                          : TimestampText::kMalformed;
      if (shape == TimestampText::kMalformed) Problem(path, "must be an RFC 3339 time such as 2026-03-01T09:30:00Z");
      if (shape == TimestampText::kOutOfRange) Problem(path, "must be a time from 0001-01-01 to 9999-12-31 in UTC");
      return;
    }
    if (name == "google.protobuf.Duration" || name == "google.protobuf.FieldMask") {
      if (value.kind_case() != Value::kStringValue) Problem(path, "must be a string");
      return;
    }
    if (name == "google.protobuf.Value" || name == "google.protobuf.Any") return;  // any JSON
    if (name == "google.protobuf.Struct") {
      if (value.kind_case() != Value::kStructValue) Problem(path, "must be an object");
      return;
    }
    if (name == "google.protobuf.ListValue") {
      if (value.kind_case() != Value::kListValue) Problem(path, "must be a list");
      return;
    }
    if (type.file()->name() == "google/protobuf/wrappers.proto") {  // Int32Value and the like: their value
      return Single(*type.FindFieldByName("value"), value, path);
    }
    if (value.kind_case() != Value::kStructValue) return Problem(path, "must be an object");
    Message(type, value.struct_value(), path + ".");
  }
};

}  // namespace

absl::Status CheckBodyShape(const Descriptor& type, const google::protobuf::Struct& body) {
  ShapeCheck check;
  check.Message(type, body, "");
  if (check.problems.empty()) return absl::OkStatus();
  // The body's members come in hash order: the answer should not, nor
  // should which of many problems it names (Validation keeps the first).
  std::sort(check.problems.begin(), check.problems.end(),
            [](const FieldError& a, const FieldError& b) { return FieldOrder(a.field, b.field); });
  return errors::Validation(std::move(check.problems));
}

}  // namespace sentra::gateway

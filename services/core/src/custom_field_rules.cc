#include "custom_field_rules.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/time/civil_time.h"
#include "field_checks.h"
#include "fmt/format.h"
#include "sentra/errors/errors.h"
#include "sentra/text/utf8.h"

namespace sentra::core {

namespace {

using errors::FieldError;
using google::protobuf::Struct;
using google::protobuf::Value;

constexpr std::size_t kMaxText = 10'000;
constexpr int kMaxOptions = 100;
constexpr std::size_t kMaxOptionBytes = 10'000;

std::string FieldName(std::string_view key) { return "custom_fields." + text::Preview(key, 100); }

bool IsDate(const std::string& text) {
  absl::CivilDay day;
  return text.size() == 10 && absl::ParseCivilTime(text, &day) && absl::FormatCivilTime(day) == text;
}

bool IsOption(const v1::CustomField& d, const std::string& value) {
  return std::find(d.options().begin(), d.options().end(), value) != d.options().end();
}

std::string Options(const v1::CustomField& d) {
  std::string list;
  for (const auto& o : d.options()) list += (list.empty() ? "" : ", ") + o;
  return list;
}

// What is wrong with `value` for field `d`, or "".
std::string Problem(const v1::CustomField& d, const Value& value) {
  const std::string& type = d.type();
  if (type == "text") {
    if (!value.has_string_value()) return "must be text";
    if (text::CodePointCount(value.string_value()) > kMaxText) return "is too long (max 10000 characters)";
  } else if (type == "number") {
    if (value.kind_case() != Value::kNumberValue || !std::isfinite(value.number_value())) return "must be a number";
  } else if (type == "date") {
    if (!value.has_string_value() || !IsDate(value.string_value())) return "must be a date, YYYY-MM-DD";
  } else if (type == "boolean") {
    if (value.kind_case() != Value::kBoolValue) return "must be true or false";
  } else if (type == "select") {
    if (!value.has_string_value() || !IsOption(d, value.string_value())) return "must be one of: " + Options(d);
  } else if (type == "multiselect") {
    if (!value.has_list_value()) return "must be a list of: " + Options(d);
    std::set<std::string> seen;
    for (const Value& v : value.list_value().values()) {
      if (!v.has_string_value() || !IsOption(d, v.string_value())) return "must be a list of: " + Options(d);
      if (!seen.insert(v.string_value()).second) return "names " + v.string_value() + " twice";
    }
  }
  return "";
}

// Whether a value counts as given for a required field.
bool Present(const Value& value) {
  if (value.has_string_value()) return !value.string_value().empty();
  if (value.has_list_value()) return value.list_value().values_size() > 0;
  return value.kind_case() != Value::kNullValue && value.kind_case() != Value::KIND_NOT_SET;
}

}  // namespace

absl::Status CheckCustomFields(std::string_view entity, const std::vector<v1::CustomField>& definitions,
                               const Struct& given, const Struct* current, Struct* out) {
  std::map<std::string, const v1::CustomField*, std::less<>> defined;
  for (const auto& d : definitions) defined[d.key()] = &d;
  out->Clear();
  if (current != nullptr) {
    // Values of fields no longer defined, or defined again with another
    // type, are dropped rather than carried.
    for (const auto& [key, value] : current->fields()) {
      const auto it = defined.find(key);
      if (it != defined.end() && Problem(*it->second, value).empty()) (*out->mutable_fields())[key] = value;
    }
  }
  std::vector<FieldError> problems;
  // In key order, so that the errors come in a stable order.
  std::map<std::string, const Value*> sorted;
  for (const auto& [key, value] : given.fields()) sorted[key] = &value;
  for (const auto& [key, value] : sorted) {
    const auto it = defined.find(key);
    if (it == defined.end()) {
      problems.push_back({FieldName(key), fmt::format("is not a custom field of {}s", entity)});
      continue;
    }
    if (value->kind_case() == Value::kNullValue) {
      out->mutable_fields()->erase(key);
      continue;
    }
    if (auto problem = Problem(*it->second, *value); !problem.empty()) {
      problems.push_back({FieldName(key), problem});
      continue;
    }
    (*out->mutable_fields())[key] = *value;
  }
  for (const auto& d : definitions) {
    if (!d.required()) continue;
    const auto it = out->fields().find(d.key());
    if (it != out->fields().end() && Present(it->second)) continue;
    const std::string field = FieldName(d.key());
    // A value of the wrong type is reported as that, not as missing too.
    if (std::none_of(problems.begin(), problems.end(), [&](const FieldError& f) { return f.field == field; })) {
      problems.push_back({field, "is required"});
    }
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return absl::OkStatus();
}

absl::Status CheckCustomFieldsIn(const absl::StatusOr<SharedFieldDefinitions>& definitions, std::string_view entity,
                                 Struct* values, const Struct* current) {
  if (!definitions.ok()) return definitions.status();
  const Struct given = *values;
  return CheckCustomFields(entity, **definitions, given, current, values);
}

Struct CarriedCustomFields(const Struct& from, const std::vector<v1::CustomField>& to) {
  Struct carried;
  for (const v1::CustomField& d : to) {
    const auto value = from.fields().find(d.key());
    if (value != from.fields().end() && Problem(d, value->second).empty()) {
      (*carried.mutable_fields())[d.key()] = value->second;
    }
  }
  return carried;
}

bool IsFieldEntity(std::string_view entity) {
  return entity == "lead" || entity == "client" || entity == "contact" || entity == "deal" || entity == "order";
}

absl::Status CheckDefinition(v1::CustomField& d) {
  std::vector<FieldError> problems;
  static const std::set<std::string, std::less<>> kTypes = {"text",    "number", "date",
                                                            "boolean", "select", "multiselect"};
  if (!IsFieldEntity(d.entity())) problems.push_back({"entity", "must be lead, client, contact, deal or order"});
  const std::string& key = d.key();
  const bool key_ok = !key.empty() && key.size() <= 50 && key[0] >= 'a' && key[0] <= 'z' &&
                      std::all_of(key.begin(), key.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                      });
  if (!key_ok) problems.push_back({"key", "must be 1-50 of a-z, 0-9 and _, starting with a letter"});
  CheckRequiredText(d.mutable_label(), "label", 100, problems);
  if (!kTypes.contains(d.type())) {
    problems.push_back({"type", "must be text, number, date, boolean, select or multiselect"});
  }
  const bool choices = d.type() == "select" || d.type() == "multiselect";
  if (choices && (d.options().empty() || d.options_size() > kMaxOptions)) {
    problems.push_back({"options", fmt::format("must be 1 to {} values for a {} field", kMaxOptions, d.type())});
  } else if (!choices && !d.options().empty()) {
    problems.push_back({"options", "are only for select and multiselect fields"});
  }
  std::set<std::string> seen;
  std::size_t option_bytes = 0;
  for (int i = 0; i < d.options_size(); ++i) {
    const std::string at = fmt::format("options[{}]", i);
    CheckRequiredText(d.mutable_options(i), at, 100, problems);
    if (!seen.insert(d.options(i)).second) problems.push_back({at, "is given twice"});
    option_bytes += d.options(i).size();
  }
  // Every record write checks its values against them: kept small.
  if (option_bytes > kMaxOptionBytes) {
    problems.push_back({"options", fmt::format("must take at most {} bytes in all (UTF-8), not {}", kMaxOptionBytes,
                                               option_bytes)});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return absl::OkStatus();
}

}  // namespace sentra::core

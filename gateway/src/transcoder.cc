#include "transcoder.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <charconv>
#include <optional>
#include <vector>
#include <set>

#include "body_shape.h"
#include "fmt/format.h"
#include "json_limits.h"
#include "json_printer.h"
#include "path_template.h"
#include "sentra/errors/errors.h"
#include "sentra/text/utf8.h"

namespace sentra::gateway {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr char kBodyFieldsName[] = "body_fields";

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* type) {
  const Message* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  return std::unique_ptr<Message>(prototype->New());
}

absl::Status Malformed(std::string_view why) {
  return errors::WithCode(absl::InvalidArgumentError(fmt::format("malformed JSON: {}", why)),
                          errors::kMalformedJson);
}

// Sets a scalar field from text (path variable or query parameter).
absl::Status SetFromText(Message& message, const FieldDescriptor* field, std::string_view text) {
  const auto* reflection = message.GetReflection();
  const std::string name = field->name();
  if (!SettableFromText(*field)) return errors::Validation(name, "cannot be given in the URL");
  auto integer = [&](long long min, long long max) -> absl::StatusOr<long long> {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
      return errors::Validation(name, fmt::format("must be an integer from {} to {}", min, max));
    }
    return value;
  };
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (!text::IsValidUtf8(text)) return errors::Validation(name, "must be valid UTF-8");
      reflection->SetString(&message, field, std::string(text));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      auto v = integer(INT32_MIN, INT32_MAX);
      if (!v.ok()) return v.status();
      reflection->SetInt32(&message, field, static_cast<std::int32_t>(*v));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      auto v = integer(INT64_MIN, INT64_MAX);
      if (!v.ok()) return v.status();
      reflection->SetInt64(&message, field, *v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (text == "true") reflection->SetBool(&message, field, true);
      else if (text == "false") reflection->SetBool(&message, field, false);
      else return errors::Validation(name, "must be true or false");
      return absl::OkStatus();
    default:
      return absl::InternalError("SettableFromText let through a field SetFromText cannot set");
  }
}

absl::Status ApplyQuery(Message& message, std::string_view query) {
  std::set<std::string, std::less<>> seen;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) return errors::Validation("query", "has a bad percent-escape");
    const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(*key);
    if (field == nullptr || field->is_repeated() || field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      return errors::Validation(text::IsValidUtf8(*key) ? *key : "query", "is not a parameter of this route");
    }
    if (!seen.insert(*key).second) return errors::Validation(*key, "is given more than once");
    if (auto s = SetFromText(message, field, *value); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ApplyBody(Message& message, std::string_view body) {
  if (!text::IsValidUtf8(body)) return Malformed("body is not valid UTF-8");
  if (auto s = CheckJsonLimits(body); !s.ok()) return s;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const google::protobuf::StringPiece piece(body.data(), body.size());
  // First as plain JSON, to tell bad syntax (MALFORMED_JSON) from a
  // well-formed body that does not fit the request (VALIDATION_ERROR).
  google::protobuf::Value any_json;
  // What the strict check let through and protobuf still refuses: a
  // member given twice, a number past a double's range. Its words say which.
  if (auto parsed = google::protobuf::util::JsonStringToMessage(piece, &any_json, options); !parsed.ok()) {
    return Malformed(fmt::format("the body is not valid JSON: {}", std::string(parsed.message())));
  }
  if (any_json.kind_case() != google::protobuf::Value::kStructValue) {
    return errors::Validation("body", "must be a JSON object");
  }
  // A request with a `body_fields` field learns which members the body
  // had: proto3 cannot tell `"lines": []` (clear them) from no "lines" at
  // all (keep them), and a PATCH must. Only the gateway fills it.
  const FieldDescriptor* body_fields = message.GetDescriptor()->FindFieldByName(kBodyFieldsName);
  if (body_fields != nullptr && (any_json.struct_value().fields().contains(body_fields->name()) ||
                                 any_json.struct_value().fields().contains(body_fields->json_name()))) {
    return errors::Validation(kBodyFieldsName, "is not a field of this request");
  }
  if (auto s = CheckBodyShape(*message.GetDescriptor(), any_json.struct_value()); !s.ok()) return s;
  auto status = google::protobuf::util::JsonStringToMessage(piece, &message, options);
  if (!status.ok()) {
    // The parser's message names the field and the problem; it never
    // contains more of the input than the field name.
    return errors::Validation("body", std::string(status.message()));
  }
  if (body_fields != nullptr && body_fields->is_repeated() && body_fields->type() == FieldDescriptor::TYPE_STRING) {
    // By the field's own name, however the body spelled it ("dueAt" too).
    const auto* type = message.GetDescriptor();
    for (const auto& [name, value] : any_json.struct_value().fields()) {
      const FieldDescriptor* field = type->FindFieldByName(name);
      for (int i = 0; field == nullptr && i < type->field_count(); ++i) {
        if (type->field(i)->json_name() == name) field = type->field(i);
      }
      if (field != nullptr) message.GetReflection()->AddString(&message, body_fields, field->name());
    }
  }
  return absl::OkStatus();
}

bool HasControlCharacter(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) return true;
  }
  return false;
}

// JSON's own types (Struct, Value, ListValue: custom_fields) add no names
// of their own to a field's path.
bool NamesNothing(const google::protobuf::Descriptor* type) {
  const std::string& name = type->full_name();
  return name == "google.protobuf.Struct" || name == "google.protobuf.Value" || name == "google.protobuf.ListValue";
}

std::string JoinPath(std::string_view head, std::string_view tail) {
  if (head.empty()) return std::string(tail);
  if (tail.empty()) return std::string(head);
  return fmt::format("{}.{}", head, tail);
}

std::optional<std::string> ControlPath(const Message& message);

// One entry of a map field: its key names the member, and is text itself.
std::optional<std::string> ControlPathInEntry(const Message& entry) {
  const auto* type = entry.GetDescriptor();
  const auto* reflection = entry.GetReflection();
  std::string scratch;
  std::string_view key;
  if (type->map_key()->type() == FieldDescriptor::TYPE_STRING) {
    key = reflection->GetStringReference(entry, type->map_key(), &scratch);
    if (HasControlCharacter(key)) return std::string();
  }
  const FieldDescriptor* value = type->map_value();
  if (value->type() == FieldDescriptor::TYPE_STRING) {
    std::string value_scratch;
    if (HasControlCharacter(reflection->GetStringReference(entry, value, &value_scratch))) return std::string(key);
  } else if (value->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (auto below = ControlPath(reflection->GetMessage(entry, value))) return JoinPath(key, *below);
  }
  return std::nullopt;
}

// The path below `message` of the first text, depth first, that holds a
// control character. Every request is checked, so the text is read in place
// and a path is built only for the one found.
std::optional<std::string> ControlPath(const Message& message) {
  const auto* reflection = message.GetReflection();
  const bool names_nothing = NamesNothing(message.GetDescriptor());
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string_view own = names_nothing ? std::string_view() : std::string_view(field->name());
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      std::string scratch;
      for (int i = 0; i < count; ++i) {
        const std::string& text = field->is_repeated()
                                      ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                                      : reflection->GetStringReference(message, field, &scratch);
        if (HasControlCharacter(text)) return std::string(own);
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      for (int i = 0; i < count; ++i) {
        const Message& child = field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                                    : reflection->GetMessage(message, field);
        if (auto below = field->is_map() ? ControlPathInEntry(child) : ControlPath(child)) {
          return JoinPath(own, *below);
        }
      }
    }
  }
  return std::nullopt;
}

// If-Match names the version an update expects, as the body's `version`
// does: given both, they must agree, or the client would not know which
// one the write was checked against.
absl::Status ApplyIfMatch(Message& message, std::string_view if_match) {
  const FieldDescriptor* version = message.GetDescriptor()->FindFieldByName("version");
  if (version == nullptr) return errors::Validation("If-Match", "this route has no version to match");
  // ETag syntax: "3" (or W/"3"); a bare 3 is accepted too.
  if (if_match.starts_with("W/")) if_match.remove_prefix(2);
  if (if_match.size() >= 2 && if_match.front() == '"' && if_match.back() == '"') {
    if_match = if_match.substr(1, if_match.size() - 2);
  }
  // Versions start at 1: a smaller one is the header's mistake, and the
  // answer names the header, not a body field the client never sent.
  std::int32_t expected = 0;
  const auto [end, ec] = std::from_chars(if_match.data(), if_match.data() + if_match.size(), expected);
  if (version->cpp_type() != FieldDescriptor::CPPTYPE_INT32 || ec != std::errc() ||
      end != if_match.data() + if_match.size() || expected < 1) {
    return errors::Validation("If-Match", "must be the record's version");
  }
  const auto* reflection = message.GetReflection();
  if (reflection->HasField(message, version) && reflection->GetInt32(message, version) != expected) {
    return errors::Validation("If-Match", "names another version than the body's version field");
  }
  reflection->SetInt32(&message, version, expected);
  return absl::OkStatus();
}

}  // namespace

std::optional<std::string> FieldWithControlCharacter(const Message& message) {
  auto path = ControlPath(message);
  if (path && path->empty()) return "body";  // a key of the body itself
  return path;
}

absl::StatusOr<std::unique_ptr<Message>> BuildRequest(const RouteMatch& match, std::string_view query,
                                                      std::string_view body, std::string_view if_match) {
  const Route& route = *match.route;
  auto message = NewMessage(route.method->input_type());
  if (route.body == "*") {
    if (auto s = ApplyBody(*message, body.empty() ? std::string_view("{}") : body); !s.ok()) return s;
  } else if (!route.body.empty()) {
    return absl::InternalError("body field mappings are not supported yet");
  } else if (!body.empty()) {
    return errors::Validation("body", "this route takes no body");
  }
  if (route.body.empty()) {
    if (auto s = ApplyQuery(*message, query); !s.ok()) return s;
  } else if (!query.empty()) {
    return errors::Validation("query", "this route takes no query parameters");
  }
  if (!if_match.empty()) {
    if (auto s = ApplyIfMatch(*message, if_match); !s.ok()) return s;
  }
  // Path variables last: the URL names the record, whatever the body says.
  for (const auto& [name, value] : match.path_vars) {
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(name);
    if (field == nullptr) return absl::InternalError("path variable without a field");
    if (auto s = SetFromText(*message, field, value); !s.ok()) return s;
  }
  if (auto field = FieldWithControlCharacter(*message)) {
    return errors::Validation(*field, "must not contain control characters (tab and line breaks are fine)");
  }
  return message;
}

std::unique_ptr<Message> NewResponse(const Route& route) { return NewMessage(route.method->output_type()); }

std::string ToJson(const Message& message) {
  std::string json;
  json.reserve(512);
  if (AppendJson(message, json)) return json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

bool SettableFromText(const FieldDescriptor& field) {
  if (field.is_repeated()) return false;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_BOOL: return true;
    default: return false;
  }
}

}  // namespace sentra::gateway

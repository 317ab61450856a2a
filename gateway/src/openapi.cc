#include "openapi.h"

#include <google/protobuf/descriptor.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <set>

#include "fmt/format.h"
#include "sentra/errors/errors.h"
#include "transcoder.h"

namespace sentra::gateway {

namespace {

namespace json = boost::json;
using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::SourceLocation;

// A message is written by the gateway in one shape (every scalar, list and
// map printed) and read in a looser one (anything may be left out).
enum class Direction { kInput, kOutput };

// A comment from the protos, tidied: one space of indent gone from each line.
std::string Tidy(const std::string& comment) {
  std::string out;
  std::size_t start = 0;
  while (start <= comment.size()) {
    const std::size_t end = std::min(comment.find('\n', start), comment.size());
    std::string_view line(comment.data() + start, end - start);
    if (line.starts_with(' ')) line.remove_prefix(1);
    if (!out.empty()) out += '\n';
    out += line;
    start = end + 1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

template <typename D>
std::string CommentOf(const D& descriptor) {
  SourceLocation location;
  if (!descriptor.GetSourceLocation(&location)) return {};
  std::string comment = Tidy(location.leading_comments);
  const std::string trailing = Tidy(location.trailing_comments);
  if (!trailing.empty()) comment += (comment.empty() ? "" : "\n") + trailing;
  return comment;
}

void Describe(json::object& target, const std::string& description) {
  if (!description.empty()) target["description"] = description;
}

// The schemas of the messages routes read and write, each built once.
class Schemas {
 public:
  // Messages any route writes, directly or nested: their input variants
  // need a name of their own.
  void NoteOutput(const Descriptor& message) {
    if (!output_.insert(message.full_name()).second) return;
    for (int i = 0; i < message.field_count(); ++i) {
      if (const Descriptor* nested = message.field(i)->message_type()) NoteOutput(*nested);
    }
  }

  json::object Ref(const Descriptor& message, Direction direction) {
    if (auto known = WellKnown(message, direction)) return *known;
    const std::string name = NameOf(message, direction);
    if (!schemas_.contains(name)) {
      schemas_[name] = json::object();  // placeholder: a message may contain itself
      schemas_[name] = Build(message, direction);
    }
    return {{"$ref", "#/components/schemas/" + name}};
  }

  json::object Field(const FieldDescriptor& field, Direction direction) {
    json::object schema;
    if (field.is_map()) {
      const FieldDescriptor* value = field.message_type()->map_value();
      schema = {{"type", "object"}, {"additionalProperties", Value(*value, direction)}};
    } else if (field.is_repeated()) {
      schema = {{"type", "array"}, {"items", Value(field, direction)}};
    } else {
      schema = Value(field, direction);
    }
    Describe(schema, CommentOf(field));
    return schema;
  }

  json::object Take() { return std::move(schemas_); }

 private:
  std::string NameOf(const Descriptor& message, Direction direction) const {
    const bool both = output_.contains(message.full_name());
    return direction == Direction::kInput && both ? message.full_name() + ".Input" : message.full_name();
  }

  // The JSON of one value of `field` (an element, for a list).
  json::object Value(const FieldDescriptor& field, Direction direction) {
    switch (field.type()) {
      case FieldDescriptor::TYPE_STRING: return {{"type", "string"}};
      case FieldDescriptor::TYPE_BYTES: return {{"type", "string"}, {"contentEncoding", "base64"}};
      case FieldDescriptor::TYPE_BOOL: return {{"type", "boolean"}};
      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FLOAT: return {{"type", "number"}};
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32: return {{"type", "integer"}, {"format", "int32"}};
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32: return {{"type", "integer"}, {"format", "int32"}, {"minimum", 0}};
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64: return Int64(direction);
      case FieldDescriptor::TYPE_ENUM: return Enum(*field.enum_type());
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP: return Ref(*field.message_type(), direction);
    }
    return {};
  }

  // 64-bit integers are strings in JSON, so no digit is lost; a number is
  // read too.
  static json::object Int64(Direction direction) {
    if (direction == Direction::kOutput) return {{"type", "string"}, {"format", "int64"}};
    return {{"type", json::array{"string", "integer"}}, {"format", "int64"}};
  }

  static json::object Enum(const EnumDescriptor& type) {
    json::array names;
    for (int i = 0; i < type.value_count(); ++i) names.emplace_back(type.value(i)->name());
    json::object schema{{"type", "string"}, {"enum", std::move(names)}};
    Describe(schema, CommentOf(type));
    return schema;
  }

  std::optional<json::object> WellKnown(const Descriptor& message, Direction direction) {
    const std::string& name = message.full_name();
    if (name == "google.protobuf.Timestamp") {
      return json::object{{"type", "string"}, {"format", "date-time"},
                          {"description", "RFC 3339, in UTC: 2026-12-08T09:30:00Z"}};
    }
    if (name == "google.protobuf.Duration") return json::object{{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]+)?s$"}};
    if (name == "google.protobuf.Struct") return json::object{{"type", "object"}, {"additionalProperties", json::object{}}};
    if (name == "google.protobuf.Value") return json::object{};
    if (name == "google.protobuf.ListValue") return json::object{{"type", "array"}};
    if (name == "google.protobuf.Empty") return json::object{{"type", "object"}};
    if (name == "google.protobuf.FieldMask") return json::object{{"type", "string"}};
    if (name == "google.protobuf.Any") return json::object{{"type", "object"}, {"additionalProperties", json::object{}}};
    // A wrapper is its value, or null for none.
    const auto nullable = [](json::object schema) {
      json::array types{schema["type"], "null"};
      schema["type"] = std::move(types);
      return schema;
    };
    if (name == "google.protobuf.StringValue") return nullable({{"type", "string"}});
    if (name == "google.protobuf.BoolValue") return nullable({{"type", "boolean"}});
    if (name == "google.protobuf.DoubleValue" || name == "google.protobuf.FloatValue") return nullable({{"type", "number"}});
    if (name == "google.protobuf.Int32Value" || name == "google.protobuf.UInt32Value") {
      return nullable({{"type", "integer"}, {"format", "int32"}});
    }
    if (name == "google.protobuf.Int64Value" || name == "google.protobuf.UInt64Value") {
      return json::object{{"type", json::array{"string", "null"}}, {"format", "int64"}};
    }
    if (name == "google.protobuf.BytesValue") return nullable({{"type", "string"}, {"contentEncoding", "base64"}});
    (void)direction;
    return std::nullopt;
  }

  json::object Build(const Descriptor& message, Direction direction) {
    json::object properties;
    json::array required;
    for (int i = 0; i < message.field_count(); ++i) {
      const FieldDescriptor& field = *message.field(i);
      properties[field.name()] = Field(field, direction);
      // The gateway prints every scalar, enum, list and map, set or not;
      // a message, an optional scalar or a oneof member only when set.
      const bool always_printed = field.is_repeated() || (field.message_type() == nullptr &&
                                                          !field.has_presence() && field.containing_oneof() == nullptr);
      if (direction == Direction::kOutput && always_printed) required.emplace_back(field.name());
    }
    json::object schema{{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) schema["required"] = std::move(required);
    if (direction == Direction::kInput) schema["additionalProperties"] = false;
    Describe(schema, CommentOf(message));
    return schema;
  }

  std::set<std::string> output_;
  json::object schemas_;
};

// "ListLeads" → "List leads".
std::string Words(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isupper(static_cast<unsigned char>(c)) && !out.empty()) {
      out += ' ';
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    out += c;
  }
  return out;
}

// The comment's first line when it is short, else the method's name in words.
std::string Summary(const std::string& description, const MethodDescriptor& method) {
  const std::string first = description.substr(0, description.find('\n'));
  return !first.empty() && first.size() <= 100 ? first : Words(method.name());
}

json::object ErrorResponse(const std::string& description, std::vector<std::string_view> codes,
                           bool retry_after = false) {
  json::array listed;
  for (std::string_view code : codes) listed.emplace_back(code);
  json::object response{
      {"description", description + " (error.code: " + fmt::format("{}", fmt::join(codes, ", ")) + ")"},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  if (retry_after) {
    response["headers"] = {
        {"Retry-After", {{"description", "Seconds to wait before trying again"}, {"schema", {{"type", "integer"}}}}}};
  }
  return response;
}

json::object ErrorSchema() {
  json::array codes;
  for (std::string_view code : {errors::kValidationError, errors::kMalformedJson, errors::kUnauthenticated,
                                errors::kInvalidCredentials, errors::kForbidden, errors::kOrgSuspended,
                                errors::kNotFound, errors::kConflict, errors::kVersionConflict, errors::kRateLimited,
                                errors::kUnavailable, errors::kTimeout, errors::kInternal}) {
    codes.emplace_back(code);
  }
  json::object field{{"type", "object"},
                     {"required", json::array{"field", "message"}},
                     {"properties",
                      {{"field", {{"type", "string"}, {"description", "The field, by the name the request used: `email`, `lines[2].quantity`"}}},
                       {"message", {{"type", "string"}}}}}};
  json::object error{
      {"type", "object"},
      {"required", json::array{"code", "message", "details", "request_id"}},
      {"properties",
       {{"code", {{"type", "string"}, {"enum", std::move(codes)}}},
        {"message", {{"type", "string"}, {"description", "For people; code and details are for programs"}}},
        {"details", {{"type", "array"}, {"items", std::move(field)}, {"description", "One entry per field at fault"}}},
        {"request_id", {{"type", "string"}, {"description", "Also in the X-Request-Id header and the logs"}}}}}};
  return {{"type", "object"},
          {"required", json::array{"error"}},
          {"properties", {{"error", std::move(error)}}},
          {"description", "Every error answer, whatever the status"}};
}

json::object Responses() {
  return {
      {"BadRequest", ErrorResponse("The request is not valid; details name each field",
                                   {errors::kValidationError, errors::kMalformedJson})},
      {"Unauthenticated", ErrorResponse("No valid credential", {errors::kUnauthenticated, errors::kInvalidCredentials})},
      {"Forbidden", ErrorResponse("The credential lacks the permission, or the organization is suspended",
                                  {errors::kForbidden, errors::kOrgSuspended})},
      {"NotFound", ErrorResponse("No such record in the caller's organization", {errors::kNotFound})},
      {"Conflict", ErrorResponse("The record changed since it was read (send its current version), or the change "
                                 "conflicts with another record or a limit",
                                 {errors::kVersionConflict, errors::kConflict})},
      {"TooManyRequests", ErrorResponse("A rate limit or quota was reached", {errors::kRateLimited}, true)},
      {"Unavailable", ErrorResponse("A service is unavailable for a moment, or the request took too long",
                                    {errors::kUnavailable, errors::kTimeout}, true)},
  };
}

constexpr char kIntroduction[] =
    "Sentra's HTTP API: leads, clients, contacts, deals and pipelines, orders, tasks, notes, tags, custom fields, "
    "members, roles, brands and API keys of one organization.\n\n"
    "**Authentication**: `Authorization: Bearer <token>` with an access token from `POST /v1/auth/login` or "
    "`/v1/auth/signup` (15 minutes; renew it with `POST /v1/auth/refresh`) or an API key. The organization is the "
    "credential's: no route takes it as a parameter. Each operation names the permission it needs in "
    "`x-sentra-permission` (`public` needs no credential, `authenticated` any).\n\n"
    "**Errors** share one body, `{\"error\": {code, message, details: [{field, message}], request_id}}`.\n\n"
    "**Lists** are pages: `limit` (1–200, 50 by default) and the `next_cursor` of the previous page as `cursor`; "
    "no `next_cursor` means the last page.\n\n"
    "**Writes**: a POST that takes `Idempotency-Key` answers a repeated key with the first answer "
    "(`Idempotent-Replayed: true`) for 24 hours. A PATCH takes the version it was based on, as `version` in the body "
    "or as `If-Match`; another version is 409 `VERSION_CONFLICT`.\n\n"
    "**Money** is a decimal string in its currency's minor digits (`\"1250.00\"`, `\"-100.00\"`) with an ISO 4217 "
    "`currency`; **times** are RFC 3339 in UTC; 64-bit integers are strings.";

json::object OperationsPaths() {
  const auto plain = [](const char* summary, const char* type, json::object schema) {
    return json::object{
        {"get",
         {{"summary", summary},
          {"tags", json::array{"Operations"}},
          {"security", json::array{}},
          {"x-sentra-permission", "public"},
          {"responses", {{"200", {{"description", summary}, {"content", {{type, {{"schema", std::move(schema)}}}}}}}}}}}};
  };
  return {
      {"/healthz", plain("The gateway is up", "application/json", {{"type", "object"}})},
      {"/readyz", plain("The gateway and every service it needs are ready (503 when not)", "application/json",
                        {{"type", "object"}})},
      {"/metrics", plain("Prometheus metrics", "text/plain", {{"type", "string"}})},
      {"/v1/openapi.json", plain("This document", "application/json", {{"type", "object"}})},
  };
}

}  // namespace

absl::StatusOr<std::string> OpenApiDocument(const RouteTable& routes, std::string_view version) {
  Schemas schemas;
  for (const Route& route : routes.routes()) schemas.NoteOutput(*route.method->output_type());

  json::object paths = OperationsPaths();
  std::set<std::string> operation_ids;
  for (const Route& route : routes.routes()) {
    const MethodDescriptor& method = *route.method;
    const Descriptor& input = *method.input_type();
    std::string operation_id = method.name();
    if (!operation_ids.insert(operation_id).second) {
      operation_id = method.service()->name() + "_" + method.name();
      if (!operation_ids.insert(operation_id).second) {
        return absl::FailedPreconditionError("two RPCs make operation id " + operation_id);
      }
    }
    const std::string description = CommentOf(method);
    json::object operation{{"operationId", operation_id},
                           {"summary", Summary(description, method)},
                           {"tags", json::array{method.service()->name()}},
                           {"x-sentra-permission", route.permission}};
    Describe(operation, description);
    if (route.permission == "public") operation["security"] = json::array{};

    json::array parameters;
    const std::vector<std::string> variables = route.path.variables();
    for (const std::string& name : variables) {
      const FieldDescriptor* field = input.FindFieldByName(name);
      if (field == nullptr) return absl::FailedPreconditionError(method.full_name() + ": path variable without a field");
      json::object parameter{{"name", name}, {"in", "path"}, {"required", true},
                             {"schema", schemas.Field(*field, Direction::kInput)}};
      parameters.emplace_back(std::move(parameter));
    }
    if (route.body.empty()) {
      for (int i = 0; i < input.field_count(); ++i) {
        const FieldDescriptor& field = *input.field(i);
        if (!SettableFromText(field) || std::find(variables.begin(), variables.end(), field.name()) != variables.end()) {
          continue;
        }
        json::object schema = schemas.Field(field, Direction::kInput);
        json::object parameter{{"name", field.name()}, {"in", "query"}, {"required", false}};
        if (schema.contains("description")) parameter["description"] = schema["description"];
        schema.erase("description");
        parameter["schema"] = std::move(schema);
        parameters.emplace_back(std::move(parameter));
      }
    }
    if (route.idempotency_key) {
      parameters.emplace_back(json::object{
          {"name", "Idempotency-Key"},
          {"in", "header"},
          {"required", false},
          {"description", "Any unique string (a UUID): the same key within 24 hours answers with the first answer "
                          "and writes nothing again"},
          {"schema", {{"type", "string"}, {"maxLength", 255}}}});
    }
    const FieldDescriptor* version_field = input.FindFieldByName("version");
    if (version_field != nullptr && version_field->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
      parameters.emplace_back(json::object{
          {"name", "If-Match"},
          {"in", "header"},
          {"required", false},
          {"description", "The version the change is based on, as an ETag (\"3\"); instead of `version` in the body"},
          {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (route.body == "*") {
      operation["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", schemas.Ref(input, Direction::kInput)}}}}}};
    }

    json::object responses;
    const std::string status = std::to_string(route.success_status);
    if (route.success_status == 204) {
      responses[status] = {{"description", "Done; no content"}};
    } else {
      responses[status] = {
          {"description", route.success_status == 201 ? "Created" : route.success_status == 202 ? "Accepted" : "OK"},
          {"content", {{"application/json", {{"schema", schemas.Ref(*method.output_type(), Direction::kOutput)}}}}}};
    }
    const auto refer = [&](const char* code, const char* name) {
      responses[code] = {{"$ref", std::string("#/components/responses/") + name}};
    };
    refer("400", "BadRequest");
    if (route.permission != "public") {
      refer("401", "Unauthenticated");
      refer("403", "Forbidden");
    }
    if (!variables.empty()) refer("404", "NotFound");
    if (route.http_method != "GET") refer("409", "Conflict");
    refer("429", "TooManyRequests");
    refer("503", "Unavailable");
    operation["responses"] = std::move(responses);

    std::string method_key = route.http_method;
    for (char& c : method_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json::value& entry = paths[route.path.text()];
    if (!entry.is_object()) entry.emplace_object();
    json::object& item = entry.as_object();
    if (item.contains(method_key)) return absl::FailedPreconditionError("two routes for " + route.grpc_method);
    item[method_key] = std::move(operation);
  }

  json::object components{{"schemas", schemas.Take()},
                          {"responses", Responses()},
                          {"securitySchemes",
                           {{"bearer",
                             {{"type", "http"},
                              {"scheme", "bearer"},
                              {"description", "An access token (from login, sign-up or refresh) or an API key"}}}}}};
  components["schemas"].as_object()["Error"] = ErrorSchema();
  json::object document{{"openapi", "3.1.0"},
                        {"info", {{"title", "Sentra API"}, {"version", std::string(version)}, {"description", kIntroduction}}},
                        {"servers", json::array{json::object{{"url", "/"}}}},
                        {"security", json::array{json::object{{"bearer", json::array{}}}}},
                        {"paths", std::move(paths)},
                        {"components", std::move(components)}};
  return json::serialize(document);
}

}  // namespace sentra::gateway

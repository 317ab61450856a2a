// JSON ↔ protobuf for one route, with the snake_case field names of the API.
// Request messages are built from the path variables, the query string and
// the JSON body, strictly: unknown fields and parameters, wrong types and
// invalid UTF-8 are errors that name the field.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "route_table.h"

namespace google::protobuf {
class FieldDescriptor;
class Message;
}

namespace sentra::gateway {

// `query` is the raw query string (without '?'); `if_match` the If-Match
// header, which fills a request's `version` field when the body did not.
// Errors are InvalidArgument with VALIDATION_ERROR or MALFORMED_JSON.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequest(
    const RouteMatch& match, std::string_view query, std::string_view body, std::string_view if_match = {});

// Whether a path variable or query parameter can set `field`: a single
// string, 32- or 64-bit integer or boolean.
bool SettableFromText(const google::protobuf::FieldDescriptor& field);

// A new, empty message of the route's response type.
std::unique_ptr<google::protobuf::Message> NewResponse(const Route& route);

std::string ToJson(const google::protobuf::Message& message);

// The API name of the first text field, depth first, that holds a control
// character: NUL would cut the text short in PostgreSQL (or match
// everything in a pattern), and the others have no place in CRM data. Tab
// and line breaks are text. Names follow the JSON: a Struct's members
// (custom_fields) by their keys, map entries by theirs. BuildRequest
// refuses such a request, naming the field.
std::optional<std::string> FieldWithControlCharacter(const google::protobuf::Message& message);

}  // namespace sentra::gateway

// JSON ↔ protobuf for one route, with the snake_case field names of the API.
// Request messages are built from the path variables, the query string and
// the JSON body, strictly: unknown fields and parameters, wrong types and
// invalid UTF-8 are errors that name the field.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "route_table.h"

namespace google::protobuf {
class Message;
}

namespace sentra::gateway {

// `query` is the raw query string (without '?'); `if_match` the If-Match
// header, which fills a request's `version` field when the body did not.
// Errors are InvalidArgument with VALIDATION_ERROR or MALFORMED_JSON.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequest(
    const RouteMatch& match, std::string_view query, std::string_view body, std::string_view if_match = {});

// A new, empty message of the route's response type.
std::unique_ptr<google::protobuf::Message> NewResponse(const Route& route);

std::string ToJson(const google::protobuf::Message& message);

}  // namespace sentra::gateway

// The API's OpenAPI 3.1 document, made from the descriptors the gateway
// routes with: every route of the table with its path, query and header
// parameters, request and response bodies (in the JSON the gateway reads
// and writes), the error envelope and its codes, the permission it needs
// (x-sentra-permission) and the protos' comments as descriptions. The build
// runs it over the API's protos with their comments (tools/openapi_main.cc);
// the gateway serves the result at /v1/openapi.json, and the console's API
// types are generated from it.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "route_table.h"

namespace sentra::gateway {

absl::StatusOr<std::string> OpenApiDocument(const RouteTable& routes, std::string_view version);

}  // namespace sentra::gateway

// The OpenAPI document the build wrote (openapi.h), embedded: the gateway
// serves it at /v1/openapi.json.
#pragma once

#include <string_view>

namespace sentra::gateway {

extern const std::string_view kOpenApiDocument;

}  // namespace sentra::gateway

# Reads services/services.txt (the one list of services) into
# SENTRA_SERVICES, and makes the interface library sentra_service_list whose
# generated header sentra/services.h holds the same list for C++:
#   sentra::kServices  {"auth", "core", ...}, in start order.
file(STRINGS ${CMAKE_SOURCE_DIR}/services/services.txt SENTRA_SERVICES REGEX "^[a-z]+$")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/services/services.txt)
list(LENGTH SENTRA_SERVICES SENTRA_SERVICE_COUNT)
list(TRANSFORM SENTRA_SERVICES PREPEND "\"" OUTPUT_VARIABLE quoted)
list(TRANSFORM quoted APPEND "\"")
list(JOIN quoted ", " SENTRA_SERVICE_INITIALIZER)
set(dir ${CMAKE_BINARY_DIR}/gen-services)
file(CONFIGURE OUTPUT ${dir}/sentra/services.h CONTENT [[
// Generated from services/services.txt by cmake/ServiceList.cmake.
#pragma once

#include <array>

namespace sentra {

// Every service, in start order; each has a schema and role of its name.
inline constexpr std::array<const char*, @SENTRA_SERVICE_COUNT@> kServices = {@SENTRA_SERVICE_INITIALIZER@};

}  // namespace sentra
]] @ONLY)
add_library(sentra_service_list INTERFACE)
target_include_directories(sentra_service_list INTERFACE ${dir})

// The gRPC services whose HTTP mappings the gateway serves.
#pragma once

#include <string>
#include <vector>

namespace sentra::gateway {

// Also makes sure their descriptors are linked into the binary: the route
// table reads them from the generated pool, and a static library's object
// is only linked when something refers to it.
std::vector<std::string> FrontedServices();

}  // namespace sentra::gateway

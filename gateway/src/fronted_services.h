// The gRPC services whose HTTP mappings the gateway serves: every service
// of the API's proto files (sentra/api_protos.h, made by the build from the
// proto libraries marked API) that declares an `http` option on its
// methods, found in the generated descriptor pool. A new service is fronted
// by being declared, with no list to keep; one with `http` on only some of
// its methods stops the gateway at start (RouteTable::Build).
#pragma once

#include <string>
#include <vector>

namespace google::protobuf {
class DescriptorPool;
}

namespace sentra::gateway {

std::vector<std::string> FrontedServices();
// The same services as found in `pool` (which holds the API's files).
std::vector<std::string> FrontedServices(const google::protobuf::DescriptorPool& pool);

}  // namespace sentra::gateway

// sentra-openapi DESCRIPTORS VERSION OUT: writes the API's OpenAPI document
// (src/openapi.h) to OUT, from DESCRIPTORS, the API's protos compiled with
// their comments (protoc --include_imports --include_source_info). The
// build runs it; the gateway embeds and serves what it writes.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "src/fronted_services.h"
#include "src/openapi.h"
#include "src/route_table.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: sentra-openapi DESCRIPTORS VERSION OUT\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  google::protobuf::FileDescriptorSet set;
  if (!in || !set.ParseFromString(bytes.str())) {
    std::fprintf(stderr, "sentra-openapi: cannot read descriptors from %s\n", argv[1]);
    return 1;
  }
  google::protobuf::DescriptorPool pool;
  for (const auto& file : set.file()) {
    if (pool.BuildFile(file) == nullptr) {
      std::fprintf(stderr, "sentra-openapi: cannot build %s\n", file.name().c_str());
      return 1;
    }
  }
  auto routes = sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices(pool), pool);
  if (!routes.ok()) {
    std::fprintf(stderr, "sentra-openapi: %s\n", std::string(routes.status().message()).c_str());
    return 1;
  }
  auto document = sentra::gateway::OpenApiDocument(*routes, argv[2]);
  if (!document.ok()) {
    std::fprintf(stderr, "sentra-openapi: %s\n", std::string(document.status().message()).c_str());
    return 1;
  }
  std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
  out << *document << '\n';
  return out.good() ? 0 : 1;
}

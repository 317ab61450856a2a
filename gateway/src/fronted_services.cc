#include "fronted_services.h"

#include <google/protobuf/descriptor.h>

#include "sentra/api_protos.h"
#include "sentra/common/v1/http.pb.h"

namespace sentra::gateway {

namespace {

bool DeclaresRoutes(const google::protobuf::ServiceDescriptor& service) {
  for (int i = 0; i < service.method_count(); ++i) {
    if (service.method(i)->options().HasExtension(common::v1::http)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> FrontedServices() { return FrontedServices(*google::protobuf::DescriptorPool::generated_pool()); }

std::vector<std::string> FrontedServices(const google::protobuf::DescriptorPool& pool) {
  std::vector<std::string> services;
  for (const std::string& name : ApiProtoFiles()) {
    const google::protobuf::FileDescriptor* file = pool.FindFileByName(name);
    if (file == nullptr) continue;  // every one is linked in: ApiProtoFiles refers to it
    for (int i = 0; i < file->service_count(); ++i) {
      if (DeclaresRoutes(*file->service(i))) services.push_back(file->service(i)->full_name());
    }
  }
  return services;
}

}  // namespace sentra::gateway

#include "sentra/service/patch_fields.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace sentra::service {

std::vector<std::string> FieldsSet(const google::protobuf::Message& request, std::initializer_list<const char*> fields) {
  std::vector<std::string> set;
  const auto* reflection = request.GetReflection();
  const auto* descriptor = request.GetDescriptor();
  for (const char* field : fields) {
    if (reflection->HasField(request, descriptor->FindFieldByName(field))) set.emplace_back(field);
  }
  return set;
}

}  // namespace sentra::service

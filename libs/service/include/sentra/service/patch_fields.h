// Which fields a PATCH request sets: its proto3 `optional` fields that are
// present, as change events name them in `changed_fields`.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class Message;
}

namespace sentra::service {

// The names among `fields` (each a field of `request`) that `request` sets,
// in the order given.
std::vector<std::string> FieldsSet(const google::protobuf::Message& request, std::initializer_list<const char*> fields);

// Whether the body of a request with `body_fields` (which the gateway
// fills) had `field`: for what proto3 cannot tell by itself, a list sent
// empty ("tags": []) or a message sent null ("due_at": null).
template <typename Request>
bool BodyHas(const Request& request, std::string_view field) {
  const auto& fields = request.body_fields();
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace sentra::service

// Which fields a PATCH request sets: its proto3 `optional` fields that are
// present, as change events name them in `changed_fields`.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace google::protobuf {
class Message;
}

namespace sentra::service {

// The names among `fields` (each a field of `request`) that `request` sets,
// in the order given.
std::vector<std::string> FieldsSet(const google::protobuf::Message& request, std::initializer_list<const char*> fields);

}  // namespace sentra::service

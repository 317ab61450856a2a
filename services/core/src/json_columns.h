// The JSON the record tables keep in jsonb and array columns (custom_fields,
// tags, options), written and read back the one way.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>
#include <google/protobuf/struct.pb.h>

#include <string>
#include <string_view>

namespace sentra::core {

// ["a","b"]: a text[] is filled from it with jsonb_array_elements_text, and
// read back with array_to_json.
std::string StringListJson(const google::protobuf::RepeatedPtrField<std::string>& items);
void ReadStringList(std::string_view json, google::protobuf::RepeatedPtrField<std::string>* out);

// A record's custom_fields object.
std::string ObjectJson(const google::protobuf::Struct& object);
void ReadObject(std::string_view json, google::protobuf::Struct* out);

}  // namespace sentra::core

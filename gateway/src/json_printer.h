// A response message as the API's JSON, written straight from the message
// by reflection: proto3's JSON mapping with the field names of the .proto
// and every scalar and repeated field printed even when empty, which is
// what protobuf's MessageToJsonString prints with preserve_proto_field_names
// and always_print_primitive_fields (json_printer_test checks it against
// protobuf for every response type the gateway serves).
//
// Why not protobuf's: in 3.21 it serializes the message, parses the bytes
// again through a type resolver and a chain of stream writers, and
// allocates at every step; on a list page of 50 leads it was most of the
// gateway's CPU (README, Performance).
#pragma once

#include <string>
#include <string_view>

namespace google::protobuf {
class Message;
}

namespace sentra::gateway {

// Appends `message` to `out`. False, with `out` as it was, for what this
// printer leaves to protobuf: Any and FieldMask, and values protobuf
// refuses to print (a Timestamp or Duration out of range, a Value with no
// kind or a number that is not finite).
bool AppendJson(const google::protobuf::Message& message, std::string& out);

// `text` as a JSON string, escaped as protobuf escapes it; bytes that are
// not UTF-8 are dropped. For the JSON the gateway writes by hand (errors).
void AppendJsonText(std::string_view text, std::string& out);

}  // namespace sentra::gateway

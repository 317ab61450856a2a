// A JSON body's members against the request type, before protobuf's parser
// fills the message: a member the request has no field for, a value of the
// wrong kind (a number for a name, one value where a list belongs, a
// timestamp that is not one) is refused naming the field as the API spells
// it (`lines[1].quantity`), in words for the client's developer. The
// parser's own messages name protobuf's internals ("TYPE_STRING") and come
// under the field "body". What passes here the parser still checks.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>

#include "absl/status/status.h"

namespace sentra::gateway {

// VALIDATION_ERROR naming every member of `body` that does not fit `type`
// (at most a screenful, sorted by field); OK otherwise.
absl::Status CheckBodyShape(const google::protobuf::Descriptor& type, const google::protobuf::Struct& body);

}  // namespace sentra::gateway

// A record's `custom_fields` checked against its organization's definitions
// for the record type: every key defined, every value of its field's type
// (and among its options), every required field there. Errors name
// `custom_fields.<key>`. Plain functions, no I/O.
#pragma once

#include <google/protobuf/struct.pb.h>

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sentra/core/v1/custom_fields.pb.h"

namespace sentra::core {

// The values to store. `given` is what the request sent; `current` the
// record's stored values for an update (nullptr for a new record): given
// keys replace theirs, a null removes one, and values of fields no longer
// defined are dropped. Required fields are checked on the result, on create
// and whenever an update sends custom_fields.
absl::Status CheckCustomFields(std::string_view entity, const std::vector<v1::CustomField>& definitions,
                               const google::protobuf::Struct& given, const google::protobuf::Struct* current,
                               google::protobuf::Struct* out);

// The same on a record's own field, checked in place: `definitions` as its
// repository read them, `current` the stored values for an update.
absl::Status CheckCustomFieldsIn(const absl::StatusOr<std::vector<v1::CustomField>>& definitions,
                                 std::string_view entity, google::protobuf::Struct* values,
                                 const google::protobuf::Struct* current = nullptr);

// A definition's own fields: entity, key, type, label and options.
absl::Status CheckDefinition(v1::CustomField& definition);

}  // namespace sentra::core

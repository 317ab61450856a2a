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
#include "field_definition_cache.h"
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
absl::Status CheckCustomFieldsIn(const absl::StatusOr<SharedFieldDefinitions>& definitions, std::string_view entity,
                                 google::protobuf::Struct* values, const google::protobuf::Struct* current = nullptr);

// The values of `from` (one record's custom_fields) that `to` (another
// record type's definitions) defines and takes as they are: what a
// converted lead carries to its client. The rest stay behind.
google::protobuf::Struct CarriedCustomFields(const google::protobuf::Struct& from,
                                             const std::vector<v1::CustomField>& to);

// A definition's own fields: entity, key, type, label and options (1 to
// 100 for a select or multiselect, each 1 to 100 characters, 10,000 bytes
// in all).
absl::Status CheckDefinition(v1::CustomField& definition);

// "lead", "client", "contact", "deal" or "order".
bool IsFieldEntity(std::string_view entity);

}  // namespace sentra::core

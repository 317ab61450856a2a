// A record's tags checked: at most 50, each 1-50 characters on one line,
// trimmed, each once whatever its case (the first spelling kept). Plain
// functions, no I/O.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <string>
#include <vector>

#include "sentra/errors/errors.h"

namespace sentra::core {

inline constexpr int kMaxTags = 50;

void CheckTags(google::protobuf::RepeatedPtrField<std::string>* tags, std::vector<errors::FieldError>& problems);
// One tag's name (the vocabulary's): 1-50 characters, trimmed.
void CheckTagName(std::string* name, std::string_view field, std::vector<errors::FieldError>& problems);

}  // namespace sentra::core

// The fields a VALIDATION_ERROR (or CONFLICT) names, in its order, for the
// unit tests of logic classes: what the API's error envelope will list.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sentra/errors/errors.h"

namespace sentra::testing {

inline std::vector<std::string> ErrorFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& e : errors::FieldErrors(status)) fields.push_back(e.field);
  return fields;
}

}  // namespace sentra::testing

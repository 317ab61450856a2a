#include "field_checks.h"

#include "sentra/ids/uuid.h"
#include "sentra/text/utf8.h"
#include "sentra/text/validation.h"

namespace sentra::core {

using errors::FieldError;

void CheckText(std::string* value, std::string_view field, std::size_t max, std::vector<FieldError>& problems) {
  if (!text::IsValidUtf8(*value)) {
    problems.push_back({std::string(field), "must be valid UTF-8"});
    return;
  }
  *value = text::Trim(*value);
  if (text::CodePointCount(*value) > max) {
    problems.push_back({std::string(field), "is too long (max " + std::to_string(max) + " characters)"});
  }
}

void CheckEmail(std::string* value, std::vector<FieldError>& problems) {
  if (value->empty()) return;
  auto email = text::NormalizeEmail(*value);
  if (!email) {
    problems.push_back({"email", "must be an e-mail address"});
    return;
  }
  *value = *email;
}

void CheckId(std::string* value, std::string_view field, std::string_view what, std::vector<FieldError>& problems) {
  if (value->empty()) return;
  auto id = ids::NormalizeUuid(*value);
  if (!id) problems.push_back({std::string(field), "must be " + std::string(what)});
  else *value = *id;
}

void CheckRequiredText(std::string* value, std::string_view field, std::size_t max,
                       std::vector<FieldError>& problems) {
  if (!text::IsValidName(*value, max)) {
    problems.push_back({std::string(field), "is required (1-" + std::to_string(max) + " characters)"});
    return;
  }
  *value = text::Trim(*value);
}

void CheckName(std::string* value, std::size_t max, std::vector<FieldError>& problems) {
  CheckRequiredText(value, "name", max, problems);
}

}  // namespace sentra::core

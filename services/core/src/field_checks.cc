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
  if (text::IsValidName(*value, max)) {
    *value = text::Trim(*value);
    return;
  }
  // Which rule it broke, so that the message says what to change.
  std::string message;
  if (!text::IsValidUtf8(*value)) message = "must be valid UTF-8";
  else if (text::Trim(*value).empty()) message = "is required";
  else if (text::CodePointCount(text::Trim(*value)) > max) message = "is too long (max " + std::to_string(max) + " characters)";
  else message = "must be one line, without control characters";
  problems.push_back({std::string(field), std::move(message)});
}

void CheckRequiredLines(std::string* value, std::string_view field, std::size_t max,
                        std::vector<FieldError>& problems) {
  const std::size_t before = problems.size();
  CheckText(value, field, max, problems);
  if (problems.size() == before && value->empty()) problems.push_back({std::string(field), "is required"});
}

void CheckName(std::string* value, std::size_t max, std::vector<FieldError>& problems) {
  CheckRequiredText(value, "name", max, problems);
}

}  // namespace sentra::core

// Field checks shared by core's record types: each appends what is wrong to
// `problems` and normalizes the value in place when it is right.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sentra/errors/errors.h"

namespace sentra::core {

// Optional free text: valid UTF-8, trimmed, at most `max` bytes; "" is none.
void CheckText(std::string* value, std::string_view field, std::size_t max, std::vector<errors::FieldError>& problems);
// Optional e-mail address: lower-cased; "" is none.
void CheckEmail(std::string* value, std::vector<errors::FieldError>& problems);
// Optional reference: "" is none, else an id (`what`: "a user id").
void CheckId(std::string* value, std::string_view field, std::string_view what,
             std::vector<errors::FieldError>& problems);
// A required name of 1 to `max` characters, trimmed.
void CheckName(std::string* value, std::size_t max, std::vector<errors::FieldError>& problems);
// The same for a required field of another name ("title").
void CheckRequiredText(std::string* value, std::string_view field, std::size_t max,
                       std::vector<errors::FieldError>& problems);
// Required free text that may span lines (an order line's description).
void CheckRequiredLines(std::string* value, std::string_view field, std::size_t max,
                        std::vector<errors::FieldError>& problems);

}  // namespace sentra::core

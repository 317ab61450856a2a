// Positional parameters ($1, $2, …) for a prepared statement. Text format for
// everything except bytea, which is sent binary so it needs no escaping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sentra::db {

// Marks a value to be sent as bytea.
struct Bytes {
  std::string_view data;
};

class Params {
 public:
  Params() = default;
  template <typename... Args>
  explicit Params(const Args&... args) {
    values_.reserve(sizeof...(args));
    (Add(args), ...);
  }

  Params& Add(std::string_view text);
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  Params& Add(std::int64_t value);
  Params& Add(int value) { return Add(static_cast<std::int64_t>(value)); }
  Params& Add(bool value);
  Params& Add(Bytes value);
  Params& AddNull();
  template <typename T>
  Params& Add(const std::optional<T>& value) {
    return value ? Add(*value) : AddNull();
  }

  int size() const { return static_cast<int>(values_.size()); }
  // Arrays for PQexecPrepared; valid until the next Add.
  const char* const* values() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  mutable std::vector<const char*> pointers_;
};

// A PATCH field as a parameter: its value when the request has it, else NULL
// (the UPDATE then leaves that column as it is).
template <typename T>
std::optional<T> IfPresent(bool present, const T& value) {
  return present ? std::optional<T>(value) : std::nullopt;
}

}  // namespace sentra::db

#include "sentra/db/params.h"

namespace sentra::db {

Params& Params::Add(std::string_view text) {
  values_.emplace_back(text);
  nulls_.push_back(false);
  lengths_.push_back(static_cast<int>(text.size()));
  formats_.push_back(0);
  return *this;
}

Params& Params::Add(std::int64_t value) { return Add(std::string_view(std::to_string(value))); }

Params& Params::Add(bool value) { return Add(std::string_view(value ? "t" : "f")); }

Params& Params::Add(Bytes value) {
  Add(value.data);
  formats_.back() = 1;
  return *this;
}

Params& Params::AddNull() {
  values_.emplace_back();
  nulls_.push_back(true);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}

const char* const* Params::values() const {
  pointers_.resize(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) {
    pointers_[i] = nulls_[i] ? nullptr : values_[i].c_str();
  }
  return pointers_.data();
}

}  // namespace sentra::db

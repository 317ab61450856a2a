#include "sentra/errors/limits.h"

#include "fmt/format.h"

#include "sentra/errors/errors.h"

namespace sentra::errors {

absl::Status WithinLimit(const absl::StatusOr<int>& count, int most, std::string_view what) {
  if (!count.ok()) return count.status();
  if (*count < most) return absl::OkStatus();
  return WithCode(absl::FailedPreconditionError(fmt::format(
                      "this organization has {} {}, the most it may have: delete one first", most, what)),
                  kConflict);
}

}  // namespace sentra::errors

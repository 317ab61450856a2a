// The one way every entity tells a write to a record that is not there
// (404 NOT_FOUND, also for another organization's or a brand the caller
// cannot see) from one to a record at another version than the request's
// (409 VERSION_CONFLICT), whether the logic checks the version on the
// locked record before writing or learns it from a conditional write that
// matched nothing.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "sentra/errors/errors.h"

namespace sentra::service {

// VersionConflict when the request names a version (`expected`) other than
// the record's (`stored`); for logic that checks the caller's access to the
// record first.
inline absl::Status CheckVersion(std::string_view entity, std::optional<int> expected, int stored) {
  return expected && *expected != stored ? errors::VersionConflict(entity) : absl::OkStatus();
}

// `current` is the record the write names, as read (and locked) before it
// changes: the record; NotFound when there is none; VersionConflict when
// the request names a version (`expected`) other than the stored one.
template <typename Record, typename VersionOf>
absl::StatusOr<Record> AtVersion(absl::StatusOr<std::optional<Record>> current, std::string_view entity,
                                 std::optional<int> expected, VersionOf version_of) {
  if (!current.ok()) return current.status();
  if (!*current) return errors::NotFound(entity);
  if (auto s = CheckVersion(entity, expected, version_of(**current)); !s.ok()) return s;
  return **std::move(current);
}

// After a write conditioned on the record's version matched nothing, the
// record read again: NotFound when it is gone, else VersionConflict.
template <typename Record>
absl::Status GoneOrStale(const absl::StatusOr<std::optional<Record>>& current, std::string_view entity) {
  if (!current.ok()) return current.status();
  return *current ? errors::VersionConflict(entity) : errors::NotFound(entity);
}

// The version a request names, if it names one (`has_version()`).
template <typename Request>
std::optional<int> RequestedVersion(const Request& request) {
  return request.has_version() ? std::optional<int>(request.version()) : std::nullopt;
}

}  // namespace sentra::service

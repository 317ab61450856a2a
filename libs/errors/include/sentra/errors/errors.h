// Building and reading failures: absl::Status with the stable error code of
// PRODUCT.md §7 and per-field violations attached as a payload, so they survive
// the trip from a service through gRPC to the gateway's JSON envelope.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace sentra::errors {

inline constexpr std::string_view kValidationError = "VALIDATION_ERROR";
inline constexpr std::string_view kMalformedJson = "MALFORMED_JSON";
inline constexpr std::string_view kUnauthenticated = "UNAUTHENTICATED";
inline constexpr std::string_view kInvalidCredentials = "INVALID_CREDENTIALS";
inline constexpr std::string_view kForbidden = "FORBIDDEN";
inline constexpr std::string_view kOrgSuspended = "ORG_SUSPENDED";
inline constexpr std::string_view kNotFound = "NOT_FOUND";
inline constexpr std::string_view kConflict = "CONFLICT";
inline constexpr std::string_view kVersionConflict = "VERSION_CONFLICT";
inline constexpr std::string_view kRateLimited = "RATE_LIMITED";
inline constexpr std::string_view kUnavailable = "UNAVAILABLE";
inline constexpr std::string_view kTimeout = "TIMEOUT";
inline constexpr std::string_view kInternal = "INTERNAL";

struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// How many fields one answer names at most: a body with hundreds of bad
// lines is told about the first of them, not in a list that outgrows the
// answer (gRPC refuses trailers past 8 KiB).
inline constexpr std::size_t kMaxFieldErrors = 20;

// The most an answer's message, and a field's name or message, carries:
// a field name can be a JSON key of any length the client chose, and an
// error should not echo a megabyte back (nor outgrow gRPC's trailers).
inline constexpr std::size_t kMaxMessageBytes = 512;
inline constexpr std::size_t kMaxFieldTextBytes = 256;

// `text` cut to at most `limit` bytes, never inside a UTF-8 sequence.
std::string CutText(std::string_view text, std::size_t limit);
// The status's message, cut to kMaxMessageBytes.
std::string ShortMessage(const absl::Status& status);

// InvalidArgument, VALIDATION_ERROR, naming the field(s): the first
// kMaxFieldErrors of them.
absl::Status Validation(std::string_view field, std::string_view message);
absl::Status Validation(std::vector<FieldError> fields);
// NotFound, NOT_FOUND: "<what> not found". Also the answer for another
// organization's record, so the two cannot be told apart.
absl::Status NotFound(std::string_view what);
// Aborted, VERSION_CONFLICT.
absl::Status VersionConflict(std::string_view what);
// AlreadyExists, CONFLICT, naming the field whose value is taken.
absl::Status Conflict(std::string_view field, std::string_view message);

// Returns `status` with `code` (and `fields`) attached.
absl::Status WithCode(absl::Status status, std::string_view code,
                      const std::vector<FieldError>& fields = {});

// The stable code: the attached one, else the default for the status code.
std::string AppCode(const absl::Status& status);
std::string_view DefaultAppCode(absl::StatusCode code);
std::vector<FieldError> FieldErrors(const absl::Status& status);

// The payload's type URL; also the key under which gRPC carries it.
inline constexpr char kDetailsTypeUrl[] = "type.googleapis.com/sentra.common.v1.ErrorDetails";

}  // namespace sentra::errors

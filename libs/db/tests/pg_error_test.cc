#include "sentra/db/pg_error.h"

#include <catch2/catch.hpp>

using sentra::db::CodeForSqlState;

TEST_CASE("SQLSTATEs map to codes that say whether to retry", "[db]") {
  CHECK(CodeForSqlState("40001") == absl::StatusCode::kAborted);     // serialization failure
  CHECK(CodeForSqlState("40P01") == absl::StatusCode::kAborted);     // deadlock
  CHECK(CodeForSqlState("08006") == absl::StatusCode::kUnavailable); // connection failure
  CHECK(CodeForSqlState("57P01") == absl::StatusCode::kUnavailable); // admin shutdown
  CHECK(CodeForSqlState("") == absl::StatusCode::kUnavailable);
  CHECK(CodeForSqlState("23505") == absl::StatusCode::kAlreadyExists);
  CHECK(CodeForSqlState("23503") == absl::StatusCode::kFailedPrecondition);
  CHECK(CodeForSqlState("22P02") == absl::StatusCode::kInvalidArgument);
  CHECK(CodeForSqlState("42501") == absl::StatusCode::kPermissionDenied);
  CHECK(CodeForSqlState("57014") == absl::StatusCode::kDeadlineExceeded);
  CHECK(CodeForSqlState("42P01") == absl::StatusCode::kInternal);
}

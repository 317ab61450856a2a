#include "src/http_errors.h"

#include <catch2/catch.hpp>

#include "sentra/errors/errors.h"

using namespace sentra::gateway;

TEST_CASE("gRPC codes map to the HTTP statuses of the API contract", "[gateway]") {
  CHECK(HttpStatusFor(absl::StatusCode::kInvalidArgument) == 400);
  CHECK(HttpStatusFor(absl::StatusCode::kUnauthenticated) == 401);
  CHECK(HttpStatusFor(absl::StatusCode::kPermissionDenied) == 403);
  CHECK(HttpStatusFor(absl::StatusCode::kNotFound) == 404);
  CHECK(HttpStatusFor(absl::StatusCode::kAborted) == 409);
  CHECK(HttpStatusFor(absl::StatusCode::kAlreadyExists) == 409);
  CHECK(HttpStatusFor(absl::StatusCode::kResourceExhausted) == 429);
  CHECK(HttpStatusFor(absl::StatusCode::kUnavailable) == 503);
  CHECK(HttpStatusFor(absl::StatusCode::kDeadlineExceeded) == 504);
  CHECK(HttpStatusFor(absl::StatusCode::kInternal) == 500);
  CHECK(HttpStatusFor(absl::StatusCode::kDataLoss) == 500);
}

TEST_CASE("the error envelope carries code, message, field details and request id", "[gateway]") {
  const std::string body = ErrorBody(sentra::errors::Validation("email", "must be \"valid\""), "req-1");
  CHECK(body == R"({"error":{"code":"VALIDATION_ERROR","message":"invalid email","details":[{"field":"email","message":"must be \"valid\""}],"request_id":"req-1"}})");
}

TEST_CASE("internal error text never reaches the client", "[gateway]") {
  const std::string body = ErrorBody(absl::InternalError("SELECT * FROM secrets failed"), "r");
  CHECK(body.find("SELECT") == std::string::npos);
  CHECK(body.find("\"code\":\"INTERNAL\"") != std::string::npos);
}

TEST_CASE("an error naming a huge key the client sent stays small", "[gateway]") {
  // 1 MB of key, twice over: in the message and as the field.
  const std::string key(1'000'000, 'z');
  const std::string body = ErrorBody(sentra::errors::Validation(key, "is not a field of this request"), "r");
  CHECK(body.size() < 1200);
  CHECK(body.find("\"field\":\"" + std::string(256, 'z') + "\"") != std::string::npos);
  CHECK(body.find("is not a field of this request") != std::string::npos);
}

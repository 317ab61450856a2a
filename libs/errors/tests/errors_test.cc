#include "sentra/errors/errors.h"

#include <catch2/catch.hpp>

#include "sentra/errors/grpc_status.h"
#include "sentra/errors/limits.h"

using namespace sentra::errors;

TEST_CASE("a validation error names its fields and carries VALIDATION_ERROR", "[errors]") {
  auto status = Validation({{"email", "must be an e-mail address"}, {"name", "is required"}});
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message() == "invalid email, name");
  CHECK(AppCode(status) == "VALIDATION_ERROR");
  CHECK(FieldErrors(status) ==
        std::vector<FieldError>{{"email", "must be an e-mail address"}, {"name", "is required"}});
}

TEST_CASE("statuses without an attached code get the default for their code", "[errors]") {
  CHECK(AppCode(absl::NotFoundError("x")) == "NOT_FOUND");
  CHECK(AppCode(absl::UnavailableError("x")) == "UNAVAILABLE");
  CHECK(AppCode(absl::PermissionDeniedError("x")) == "FORBIDDEN");
  CHECK(AppCode(absl::DataLossError("x")) == "INTERNAL");
  CHECK(AppCode(absl::UnknownError("x")) == "INTERNAL");
}

TEST_CASE("a conflict names the field whose value is taken", "[errors]") {
  auto status = Conflict("email", "is already registered");
  CHECK(status.code() == absl::StatusCode::kAlreadyExists);
  CHECK(AppCode(status) == "CONFLICT");
  CHECK(FieldErrors(status) == std::vector<FieldError>{{"email", "is already registered"}});
}

TEST_CASE("a version conflict is Aborted with VERSION_CONFLICT", "[errors]") {
  auto status = VersionConflict("lead");
  CHECK(status.code() == absl::StatusCode::kAborted);
  CHECK(AppCode(status) == "VERSION_CONFLICT");
}

TEST_CASE("code, message and details survive the trip through gRPC", "[errors]") {
  auto original = WithCode(absl::PermissionDeniedError("suspended"), kOrgSuspended);
  auto back = FromGrpcStatus(ToGrpcStatus(original));
  CHECK(back.code() == absl::StatusCode::kPermissionDenied);
  CHECK(back.message() == "suspended");
  CHECK(AppCode(back) == "ORG_SUSPENDED");

  auto fields = FromGrpcStatus(ToGrpcStatus(Validation("limit", "must be 1..200")));
  CHECK(FieldErrors(fields) == std::vector<FieldError>{{"limit", "must be 1..200"}});
}

TEST_CASE("every absl code maps to the gRPC code of the same number", "[errors]") {
  for (int code = 1; code <= 16; ++code) {
    auto grpc_status = ToGrpcStatus(absl::Status(static_cast<absl::StatusCode>(code), "x"));
    CHECK(static_cast<int>(grpc_status.error_code()) == code);
  }
  CHECK(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST_CASE("garbage in the details is ignored rather than trusted", "[errors]") {
  auto back = FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "x", "\xff\xff\xff"));
  CHECK(AppCode(back) == "NOT_FOUND");
  CHECK(FieldErrors(back).empty());
}

TEST_CASE("a validation error names at most the first kMaxFieldErrors fields", "[errors]") {
  std::vector<FieldError> many;
  for (int i = 0; i < 80; ++i) many.push_back({"lines[" + std::to_string(i) + "].unit_price", "must be a decimal"});
  const auto fields = FieldErrors(Validation(many));
  REQUIRE(fields.size() == kMaxFieldErrors);
  CHECK(fields.front().field == "lines[0].unit_price");
  CHECK(fields.back().field == "lines[19].unit_price");
}

TEST_CASE("an error too large for gRPC's trailers is shortened to fit, keeping its code", "[errors]") {
  // A field name of 100 KB (a JSON key the client chose) and a long message
  // in a script of multi-byte letters.
  std::string key;
  for (int i = 0; i < 50'000; ++i) key += "é";
  const auto huge = Validation({{"custom_fields." + key, "is not a field"}, {"name", "is required"}});
  const grpc::Status wire = ToGrpcStatus(huge);
  CHECK(wire.error_message().size() <= 512);
  CHECK(wire.error_details().size() <= 3072);
  const auto back = FromGrpcStatus(wire);
  CHECK(back.code() == absl::StatusCode::kInvalidArgument);
  CHECK(AppCode(back) == "VALIDATION_ERROR");
  const auto fields = FieldErrors(back);
  REQUIRE(fields.size() == 2);
  CHECK(fields[0].field.size() <= 256);
  CHECK(fields[0].field.starts_with("custom_fields.é"));
  CHECK(fields[1] == FieldError{"name", "is required"});
  // Cut between letters, never inside one: the text is still UTF-8.
  const auto& cut = fields[0].field;
  CHECK((cut.size() - std::string("custom_fields.").size()) % 2 == 0);
}

TEST_CASE("text is cut at the limit, never inside a UTF-8 sequence", "[errors]") {
  CHECK(CutText("short", 10) == "short");
  CHECK(CutText("abcdef", 3) == "abc");
  CHECK(CutText("aé", 2) == "a");     // é is two bytes: not half of it
  CHECK(CutText("a€", 3) == "a");     // € is three
  CHECK(CutText("a€b", 4) == "a€");
  CHECK(CutText("", 0).empty());
}

TEST_CASE("a count at the limit is a conflict naming it, below it passes, a failed count is returned", "[errors]") {
  CHECK(WithinLimit(49, 50, "pipelines").ok());
  const absl::Status full = WithinLimit(50, 50, "pipelines");
  CHECK(full.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(AppCode(full) == "CONFLICT");
  CHECK(std::string(full.message()) == "this organization has 50 pipelines, the most it may have: delete one first");
  const absl::Status broken = WithinLimit(absl::UnavailableError("db down"), 50, "pipelines");
  CHECK(broken.code() == absl::StatusCode::kUnavailable);
}

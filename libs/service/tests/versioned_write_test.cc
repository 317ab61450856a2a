// The one way a versioned write tells a missing record from a stale one.
#include "sentra/service/versioned_write.h"

#include <catch2/catch.hpp>

#include "sentra/errors/errors.h"

namespace sentra::service {
namespace {

struct Record {
  int version = 3;
};

const auto kVersion = [](const Record& r) { return r.version; };

TEST_CASE("a write to a record that is not there is 404, at another version 409, else the record", "[service]") {
  const absl::StatusOr<std::optional<Record>> missing = std::optional<Record>();
  CHECK(errors::AppCode(AtVersion(missing, "lead", 3, kVersion).status()) == "NOT_FOUND");
  const absl::StatusOr<std::optional<Record>> stored = std::optional<Record>(Record{});
  CHECK(errors::AppCode(AtVersion(stored, "lead", 2, kVersion).status()) == "VERSION_CONFLICT");
  CHECK(AtVersion(stored, "lead", 3, kVersion)->version == 3);
  CHECK(AtVersion(stored, "lead", std::nullopt, kVersion).ok());  // no version named: any
  const absl::StatusOr<std::optional<Record>> failed = absl::UnavailableError("db down");
  CHECK(AtVersion(failed, "lead", 3, kVersion).status().code() == absl::StatusCode::kUnavailable);
}

TEST_CASE("after a conditional write matched nothing: gone is 404, still there is 409", "[service]") {
  CHECK(errors::AppCode(GoneOrStale(absl::StatusOr<std::optional<Record>>(std::nullopt), "order")) == "NOT_FOUND");
  CHECK(errors::AppCode(GoneOrStale(absl::StatusOr<std::optional<Record>>(Record{}), "order")) ==
        "VERSION_CONFLICT");
  CHECK(CheckVersion("tag", std::nullopt, 7).ok());
  CHECK(errors::AppCode(CheckVersion("tag", 6, 7)) == "VERSION_CONFLICT");
}

}  // namespace
}  // namespace sentra::service

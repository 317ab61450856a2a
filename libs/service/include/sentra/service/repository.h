// The storage side of every entity (README, "Adding an entity"). An entity's
// queries are an interface, `Queries`, whose Postgres implementation
// `PgQueries` is built on one transaction (`PgQueries(db::Transaction&)`)
// and keeps each named statement, the column list and the one reader of its
// rows side by side. A logic class never sees a connection: it runs its
// reads and writes through a Repository<Queries>, so its unit tests hand it
// an in-memory one (sentra/testing/fake_repository.h). This header is the
// interface alone, so logic classes and their tests compile without the
// database's or gRPC's headers; the real one is pg_repository.h.
#pragma once

#include <functional>

#include "absl/status/status.h"
#include "sentra/bus/event_sink.h"

namespace sentra::service {

template <typename Queries>
class Repository {
 public:
  virtual ~Repository() = default;
  // Runs `body` in one read-only transaction.
  virtual absl::Status Read(const std::function<absl::Status(Queries&)>& body) = 0;
  // Runs `body` in one transaction; the events it emits commit with it, and
  // an error from `body` rolls all of it back. `body` may run more than once
  // (a serialization failure reruns it), so it has no other effects.
  virtual absl::Status Write(const std::function<absl::Status(Queries&, bus::EventSink&)>& body) = 0;
};

}  // namespace sentra::service

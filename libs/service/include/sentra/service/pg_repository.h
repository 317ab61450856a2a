// The Repository of a request (repository.h), on PostgreSQL.
#pragma once

#include "sentra/bus/outbox_sink.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"
#include "sentra/db/transaction.h"
#include "sentra/service/call_context.h"
#include "sentra/service/call_scope.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/repository.h"

namespace sentra::service {

// What a service's repositories are backed by.
struct Storage {
  db::Pool& pool;
  const bus::OutboxWriter& outbox;
};

// The real repository, for one call: the caller's tenancy scope (row-level
// security), events into the outbox, and for a write that honours
// Idempotency-Key the key claimed and `*response` stored by the write's own
// transaction (IdempotentWrite). Such a call makes exactly one Write, whose
// body fills `*response`: a key names one write.
template <typename Queries, typename PgQueries>
class PgRepository final : public Repository<Queries> {
 public:
  PgRepository(const Storage& storage, const CallContext& call, IdempotentWrite* idempotent = nullptr,
               google::protobuf::Message* response = nullptr)
      : storage_(storage), call_(call), idempotent_(idempotent), response_(response) {}

  absl::Status Read(const std::function<absl::Status(Queries&)>& body) override {
    return db::InTransaction(storage_.pool, TxFor(call_, /*read_only=*/true), [&](db::Transaction& tx) {
      PgQueries queries(tx);
      return body(queries);
    });
  }

  absl::Status Write(const std::function<absl::Status(Queries&, bus::EventSink&)>& body) override {
    const auto run = [&](db::Transaction& tx) {
      PgQueries queries(tx);
      bus::OutboxSink events(storage_.outbox, tx, {call_.actor(), call_.request_id});
      return body(queries, events);
    };
    if (idempotent_ == nullptr) return db::InTransaction(storage_.pool, TxFor(call_), run);
    if (idempotent_used_) return absl::InternalError("an idempotent call makes one write");
    idempotent_used_ = true;
    return idempotent_->InTransaction(storage_.pool, TxFor(call_), response_, run);
  }

 private:
  const Storage& storage_;
  const CallContext& call_;
  IdempotentWrite* idempotent_;
  google::protobuf::Message* response_;
  bool idempotent_used_ = false;
};

}  // namespace sentra::service

// Idempotency-Key on writes (PRODUCT.md §7). The key is claimed by the very
// transaction that makes the write, and that transaction stores the response
// too: a request whose answer was lost after COMMIT gets the same answer
// again, and no crash between two lines can leave a key without its write
// or a write without its key.
//
//   return ServeIdempotent(context, *request, storage_.pool, out, [&](const CallContext& call, IdempotentWrite& write) {
//     Leads leads(storage_, call, &write, out);  // a PgRepository: its one Write claims the key
//     return LeadLogic(leads, references_).Create(call, *request, out);
//   });
//
// Keys are per organization, credential and route, kept 24 hours. A repeat
// is answered from the stored response, as it was when first made. Only successful
// writes keep a key: a refused request left nothing behind, so its retry is
// checked again. Without a key every step just runs the write.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include <span>

#include "absl/status/statusor.h"
#include "sentra/db/migrations.h"
#include "sentra/db/pool.h"
#include "sentra/db/transaction.h"
#include "sentra/service/call_context.h"
#include "sentra/service/serve.h"

namespace google::protobuf {
class Message;
}
namespace grpc {
class ServerContext;
}

namespace sentra::service {

inline constexpr std::size_t kMaxIdempotencyKeyLength = 255;

// VALIDATION_ERROR naming "Idempotency-Key" unless `key` is 1-255 visible
// ASCII characters.
absl::Status CheckIdempotencyKey(std::string_view key);

// The same request, whatever its JSON spelling: SHA-256 over the message's
// type and its deterministic serialization.
std::string RequestHash(const google::protobuf::Message& request);

class IdempotentWrite {
 public:
  IdempotentWrite(grpc::ServerContext& context, const CallContext& call, const google::protobuf::Message& request);

  bool has_key() const { return !call_.idempotency_key.empty(); }
  // True once `out` holds an earlier request's stored response.
  bool replayed() const { return replayed_; }

  // A field of the response (a secret shown once) that is cleared from the
  // copy kept for repeats: it must not rest in the database.
  void StoreWithout(std::string field) { stored_without_ = std::move(field); }

  // Before the request is checked (checks that ask other services too): true
  // with `out` filled when an earlier request with this key has its answer
  // stored; 409 CONFLICT when that request was a different one.
  absl::StatusOr<bool> Replay(db::Pool& pool, google::protobuf::Message* out);

  // Runs `write` in one transaction that first claims the key and last stores
  // `*out`. A concurrent request with the same key waits for this one's
  // transaction and then answers from what it stored. When the key turns out
  // to be taken already, `write` does not run and `out` holds the stored
  // response.
  absl::Status InTransaction(db::Pool& pool, const db::TxOptions& options, google::protobuf::Message* out,
                             const std::function<absl::Status(db::Transaction&)>& write);

 private:
  // Reads the stored row into `out`: OK, or CONFLICT for another request.
  absl::Status Answer(std::string_view request_hash, std::string_view response, google::protobuf::Message* out);
  // `response` serialized as kept: without the StoreWithout field.
  absl::StatusOr<std::string> StoredForm(const google::protobuf::Message& response) const;

  grpc::ServerContext& context_;
  const CallContext& call_;
  // The gRPC method the gateway routed it to; for a direct gRPC call, the
  // request's type.
  const std::string route_;
  std::string request_hash_;
  std::string stored_without_;
  bool replayed_ = false;
};

// ServeTenant for a write that honours Idempotency-Key: answers a repeat
// from the stored response before `body` checks anything, else runs
// body(call, write), whose transaction must be write.InTransaction(...).
template <typename Body>
grpc::Status ServeIdempotent(grpc::ServerContext* context, const google::protobuf::Message& request, db::Pool& pool,
                             google::protobuf::Message* out, Body&& body) {
  return ServeTenant(context, [&](const CallContext& call) -> absl::Status {
    IdempotentWrite write(*context, call, request);
    auto replayed = write.Replay(pool, out);
    if (!replayed.ok() || *replayed) return replayed.status();
    return body(call, write);
  });
}

namespace idempotency {
// The idempotency_keys table, applied into each service's schema as the
// "idempotency" component of its migrations.
std::span<const db::Migration> Migrations();
}  // namespace idempotency

// Deletes keys older than 24 hours, `batch` rows per transaction, until none
// is left; returns how many went.
absl::StatusOr<std::int64_t> PruneIdempotencyKeys(db::Pool& pool, int batch = 1000);

}  // namespace sentra::service

#include "sentra/service/idempotency.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <sodium.h>

#include <memory>

#include "sentra/db/query.h"
#include "sentra/errors/errors.h"
#include "sentra/service/metadata.h"

namespace sentra::service {

namespace {

constexpr db::Query kClaimKey{
    "service.claim_idempotency_key",
    // Waits for a concurrent transaction holding the same key; takes over a
    // key older than 24 hours that the pruning round has not reached yet.
    "INSERT INTO idempotency_keys (org_id, principal, route, key, request_hash) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (org_id, principal, route, key) DO UPDATE "
    "SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = now() "
    "WHERE idempotency_keys.created_at < now() - interval '24 hours' "
    "RETURNING 1"};
constexpr db::Query kReadKey{
    "service.read_idempotency_key",
    "SELECT request_hash, response FROM idempotency_keys "
    "WHERE org_id = $1 AND principal = $2 AND route = $3 AND key = $4 AND response IS NOT NULL "
    "AND created_at >= now() - interval '24 hours'"};
constexpr db::Query kStoreResponse{
    "service.store_idempotent_response",
    "UPDATE idempotency_keys SET response = $5 WHERE org_id = $1 AND principal = $2 AND route = $3 AND key = $4"};
constexpr db::Query kDeclarePruning{"service.declare_idempotency_pruning",
                                    "SELECT set_config('sentra.purpose', 'prune_idempotency_keys', true)"};
constexpr db::Query kPruneKeys{
    "service.prune_idempotency_keys",
    "DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY("
    "SELECT ctid FROM idempotency_keys WHERE created_at < now() - interval '24 hours' LIMIT $1))"};

std::string Serialize(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace

absl::Status CheckIdempotencyKey(std::string_view key) {
  bool visible = !key.empty() && key.size() <= kMaxIdempotencyKeyLength;
  for (const char c : key) visible = visible && c > 0x20 && c < 0x7f;
  if (visible) return absl::OkStatus();
  return errors::Validation("Idempotency-Key", "must be 1-255 visible ASCII characters (a UUID is a good key)");
}

std::string RequestHash(const google::protobuf::Message& request) {
  const std::string& type = request.GetDescriptor()->full_name();
  const std::string body = Serialize(request);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(type.data()), type.size() + 1);  // and NUL
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  std::string hash(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&state, reinterpret_cast<unsigned char*>(hash.data()));
  return hash;
}

IdempotentWrite::IdempotentWrite(grpc::ServerContext& context, const CallContext& call,
                                 const google::protobuf::Message& request)
    : context_(context), call_(call), route_(call.rpc.empty() ? request.GetDescriptor()->full_name() : call.rpc) {
  if (has_key()) request_hash_ = RequestHash(request);
}

absl::Status IdempotentWrite::Answer(std::string_view request_hash, std::string_view response,
                                     google::protobuf::Message* out) {
  if (request_hash != request_hash_) {
    return errors::Conflict("Idempotency-Key", "this key was already used with a different request");
  }
  if (!out->ParseFromArray(response.data(), static_cast<int>(response.size()))) {
    return absl::InternalError("a stored response does not parse");
  }
  replayed_ = true;
  context_.AddInitialMetadata(kIdempotentReplayKey, "true");
  return absl::OkStatus();
}

absl::StatusOr<bool> IdempotentWrite::Replay(db::Pool& pool, google::protobuf::Message* out) {
  if (!has_key()) return false;
  if (auto s = CheckIdempotencyKey(call_.idempotency_key); !s.ok()) return s;
  const db::TxOptions options{.org_id = call_.org_id, .read_only = true};
  absl::Status status = db::InTransaction(pool, options, [&](db::Transaction& tx) -> absl::Status {
    auto row = tx.Execute(kReadKey, call_.org_id, call_.actor(), route_, call_.idempotency_key);
    if (!row.ok()) return row.status();
    if (row->rows() == 0) return absl::OkStatus();
    return Answer(row->Bytes(0, 0), row->Bytes(0, 1), out);
  });
  if (!status.ok()) return status;
  return replayed_;
}

absl::StatusOr<std::string> IdempotentWrite::StoredForm(const google::protobuf::Message& response) const {
  if (stored_without_.empty()) return Serialize(response);
  const auto* field = response.GetDescriptor()->FindFieldByName(stored_without_);
  // Never keep what was to be left out because its name was mistyped.
  if (field == nullptr) return absl::InternalError("a response field to leave out does not exist");
  std::unique_ptr<google::protobuf::Message> kept(response.New());
  kept->CopyFrom(response);
  kept->GetReflection()->ClearField(kept.get(), field);
  return Serialize(*kept);
}

absl::Status IdempotentWrite::InTransaction(db::Pool& pool, const db::TxOptions& options,
                                            google::protobuf::Message* out,
                                            const std::function<absl::Status(db::Transaction&)>& write) {
  if (!has_key()) return db::InTransaction(pool, options, write);
  if (auto s = CheckIdempotencyKey(call_.idempotency_key); !s.ok()) return s;
  return db::InTransaction(pool, options, [&](db::Transaction& tx) -> absl::Status {
    auto claimed = tx.Execute(kClaimKey, call_.org_id, call_.actor(), route_, call_.idempotency_key,
                              db::Bytes{request_hash_});
    if (!claimed.ok()) return claimed.status();
    if (claimed->rows() == 0) {
      // Another request holds the key and has committed: its answer is ours.
      auto row = tx.Execute(kReadKey, call_.org_id, call_.actor(), route_, call_.idempotency_key);
      if (!row.ok()) return row.status();
      if (row->rows() == 0) return absl::InternalError("an idempotency key has no stored response");
      return Answer(row->Bytes(0, 0), row->Bytes(0, 1), out);
    }
    if (auto s = write(tx); !s.ok()) return s;
    auto kept = StoredForm(*out);
    if (!kept.ok()) return kept.status();
    const auto stored_row = tx.Execute(kStoreResponse, call_.org_id, call_.actor(), route_, call_.idempotency_key,
                                       db::Bytes{*kept});
    if (!stored_row.ok()) return stored_row.status();
    if (stored_row->affected() != 1) return absl::InternalError("an idempotency key vanished while claimed");
    return absl::OkStatus();
  });
}

absl::StatusOr<std::int64_t> PruneIdempotencyKeys(db::Pool& pool, int batch) {
  std::int64_t total = 0;
  for (;;) {
    auto deleted = db::InTransactionValue<std::int64_t>(
        pool, {.org_id = ""}, [&](db::Transaction& tx) -> absl::StatusOr<std::int64_t> {
          if (auto s = tx.Execute(kDeclarePruning); !s.ok()) return s.status();
          auto r = tx.Execute(kPruneKeys, static_cast<std::int64_t>(batch));
          if (!r.ok()) return r.status();
          return r->affected();
        });
    if (!deleted.ok()) return deleted.status();
    total += *deleted;
    if (*deleted < batch) return total;
  }
}

}  // namespace sentra::service

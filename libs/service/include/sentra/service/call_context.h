// Who is calling and for which organization, read from the metadata the
// gateway set; plus a log scope carrying the request id.
#pragma once

#include <map>
#include <string>

#include "absl/status/status.h"
#include "sentra/db/deadline.h"
#include "sentra/log/logging.h"

namespace grpc {
class ClientContext;
class ServerContextBase;
class string_ref;
}

namespace sentra::service {

struct CallContext {
  std::string org_id;
  std::string user_id;
  std::string role;
  std::string permissions;   // comma-separated
  std::string brand_access;  // "*", comma-separated brand ids, or "" (none)
  std::string client_id;     // set for client-portal users
  std::string api_key_id;    // set when the credential is an API key
  std::string request_id;
  std::string client_ip;
  std::string idempotency_key;  // the POST's Idempotency-Key, if it sent one
  std::string rpc;              // the routed gRPC method, with the key

  bool Has(std::string_view permission) const;
  // May this caller see and write records of `brand_id` ("" = no brand)?
  bool SeesBrand(std::string_view brand_id) const;
  // Who the events and audit trail name: the API key when one was used.
  std::string actor() const { return api_key_id.empty() ? user_id : "api_key:" + api_key_id; }

  bool operator==(const CallContext&) const = default;
};

using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;

// The one reader and the one writer of the metadata keys (metadata.h): the
// gateway writes the verified caller onto each backend call, a service
// reads it back. Empty fields are not sent, and read back as empty.
CallContext FromMetadata(const Metadata& metadata);
CallContext FromServerContext(const grpc::ServerContextBase& context);
void ToMetadata(const CallContext& call, grpc::ClientContext& context);

// For the length of one call: its context, its request id and organization
// on every log line the handling thread writes, and its deadline on every
// transaction the thread runs (statement timeout, wait for a connection).
class CallScope {
 public:
  explicit CallScope(const grpc::ServerContextBase& context);
  const CallContext& call() const { return call_; }

 private:
  CallContext call_;
  log::RequestScope log_scope_;
  db::DeadlineScope deadline_scope_;
};

// kPermissionDenied when the caller may not write records of `brand_id`.
// Row-level security refuses such a write too; this says why.
absl::Status RequireBrand(const CallContext& call, std::string_view brand_id);

// For an update that sets a record's brand: kPermissionDenied unless the
// caller may write records of `new_brand_id` (RequireBrand) and, when
// limited to some brands, keeps the record in one: "" would show it to
// everyone in the organization. The database refuses that too (libs/db,
// brand_kept).
absl::Status RequireBrandMove(const CallContext& call, std::string_view new_brand_id);

// kUnauthenticated unless the call carries an organization and a user.
absl::Status RequireTenant(const CallContext& call);

}  // namespace sentra::service

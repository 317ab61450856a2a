// Who is calling and for which organization, read from the metadata the
// gateway set; plus a log scope carrying the request id.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "sentra/log/logging.h"

namespace grpc {
class ServerContext;
}

namespace sentra::service {

struct CallContext {
  std::string org_id;
  std::string user_id;
  std::string role;
  std::string permissions;  // comma-separated
  std::string request_id;
  std::string client_ip;

  bool Has(std::string_view permission) const;
};

CallContext FromServerContext(const grpc::ServerContext& context);

// For the length of one call: its context, and its request id and
// organization on every log line the handling thread writes.
class CallScope {
 public:
  explicit CallScope(const grpc::ServerContext& context);
  const CallContext& call() const { return call_; }

 private:
  CallContext call_;
  log::RequestScope log_scope_;
};

// kUnauthenticated unless the call carries an organization and a user.
absl::Status RequireTenant(const CallContext& call);

}  // namespace sentra::service

// Whether the client a client-portal member is tied to is a client of the
// inviting organization. Clients live in core, and auth keeps no copy of
// them, so auth asks core (CoreInternalService.CheckClients) before the
// invitation is written: outside its transaction, holding no connection.
#pragma once

#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "sentra/service/call_context.h"

namespace grpc {
class Channel;
}

namespace sentra::auth {

class ClientChecker {
 public:
  virtual ~ClientChecker() = default;
  // VALIDATION_ERROR naming `client_id` when it names no client of the
  // caller's organization in the caller's brands (or an archived one);
  // Unavailable when that cannot be told now.
  virtual absl::Status CheckClient(const service::CallContext& call, std::string_view client_id) const = 0;
};

class CoreClients final : public ClientChecker {
 public:
  explicit CoreClients(std::shared_ptr<grpc::Channel> core);
  ~CoreClients() override;

  absl::Status CheckClient(const service::CallContext& call, std::string_view client_id) const override;

 private:
  struct Stub;
  std::unique_ptr<Stub> stub_;
};

}  // namespace sentra::auth

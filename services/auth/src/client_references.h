// Whether the client a client-portal member is tied to is a client of the
// inviting organization, and of which brand. Clients live in core, and auth
// keeps no copy of them, so auth asks core (CoreInternalService.CheckClients)
// before the invitation is written: outside its transaction, holding no
// connection. Whether the inviter may see that brand auth decides inside
// it, from the inviter's brand access as stored then.
#pragma once

#include <memory>
#include <string_view>

#include <string>

#include "absl/status/statusor.h"
#include "sentra/service/call_context.h"

namespace grpc {
class Channel;
}

namespace sentra::auth {

// The answer for a client_id that names no client the caller may name: one
// that does not exist, another organization's, an archived one, or one of
// a brand the caller may not see all read alike, so the answer tells
// nobody what they could not read themselves.
absl::Status UnknownClient();

class ClientChecker {
 public:
  virtual ~ClientChecker() = default;
  // The brand id of the client ("" for none), VALIDATION_ERROR naming
  // `client_id` when it names no client of the caller's organization (or
  // an archived one); Unavailable when that cannot be told now.
  virtual absl::StatusOr<std::string> ClientBrand(const service::CallContext& call,
                                                  std::string_view client_id) const = 0;
};

class CoreClients final : public ClientChecker {
 public:
  explicit CoreClients(std::shared_ptr<grpc::Channel> core);
  ~CoreClients() override;

  absl::StatusOr<std::string> ClientBrand(const service::CallContext& call,
                                          std::string_view client_id) const override;

 private:
  struct Stub;
  std::unique_ptr<Stub> stub_;
};

}  // namespace sentra::auth

// The one place where each RPC's declared permission (the `access` option
// next to it in the proto) is enforced, for every call of every service.
//
// gRPC server interceptors cannot end a call early, so the guard does the
// next best thing: on a refused call it removes every identity key from the
// call's metadata before the handler runs, so the handler has no tenant to
// act for (and RLS lets it see nothing), and it replaces whatever status the
// handler returns with the refusal. A handler that forgot a check still
// cannot act.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "sentra/service/call_context.h"

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace sentra::service {

// What an RPC declares: "public", "internal" (called only by the gateway
// itself, never routed), "authenticated", or a permission "resource:action".
// nullopt when it declares nothing: such a call is always refused.
// `grpc_method` is the wire name, "/sentra.core.v1.LeadService/GetLead".
std::optional<std::string> DeclaredAccess(std::string_view grpc_method);

// OK when `call` may make a call that declares `access`: the one decision,
// taken by the gateway before it routes a request and by every service
// again when the call arrives.
absl::Status CheckAccess(std::optional<std::string_view> access, const CallContext& call);

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewAccessGuardFactory();

}  // namespace sentra::service

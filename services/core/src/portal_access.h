// The client-portal member (a credential with a client_id) in one place:
// the routes only they use, and the ones they never do.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "sentra/errors/errors.h"
#include "sentra/service/call_context.h"

namespace sentra::core {

inline absl::Status PortalOnly(const service::CallContext& call) {
  if (!call.client_id.empty()) return absl::OkStatus();
  return absl::PermissionDeniedError("only client-portal members have a portal");
}

// For what belongs to the organization's own staff: `what` names it.
inline absl::Status NotForPortal(const service::CallContext& call, std::string_view what) {
  if (call.client_id.empty()) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("client-portal members have no " + std::string(what)),
                          errors::kForbidden);
}

}  // namespace sentra::core

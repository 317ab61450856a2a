// The frame of every handler: the call's scope (identity, request id on log
// lines), the tenant check, and the body's status mapped for gRPC.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include "sentra/errors/grpc_status.h"
#include "sentra/service/call_context.h"

namespace sentra::service {

// For calls made on behalf of a signed-in member of an organization.
template <typename Body>
grpc::Status ServeTenant(grpc::ServerContextBase* context, Body&& body) {
  const CallScope scope(*context);
  absl::Status status = RequireTenant(scope.call());
  if (status.ok()) status = body(scope.call());
  return errors::ToGrpcStatus(status);
}

// For public and internal calls, which have no tenant.
template <typename Body>
grpc::Status Serve(grpc::ServerContext* context, Body&& body) {
  const CallScope scope(*context);
  return errors::ToGrpcStatus(body(scope.call()));
}

}  // namespace sentra::service

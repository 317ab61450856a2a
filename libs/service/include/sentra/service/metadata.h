// gRPC metadata keys by which the gateway passes a call's verified identity
// and request id to the services. Services trust these only because nothing
// but the gateway can reach them (loopback locally, NetworkPolicy on k8s).
#pragma once

namespace sentra::service {

inline constexpr char kOrgIdKey[] = "x-sentra-org-id";
inline constexpr char kUserIdKey[] = "x-sentra-user-id";
inline constexpr char kRoleKey[] = "x-sentra-role";
inline constexpr char kPermissionsKey[] = "x-sentra-permissions";  // comma-separated
inline constexpr char kRequestIdKey[] = "x-request-id";
inline constexpr char kClientIpKey[] = "x-sentra-client-ip";

}  // namespace sentra::service

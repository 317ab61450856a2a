// gRPC metadata keys by which the gateway passes a call's verified identity
// and request id to the services. Services trust these only because nothing
// but the gateway can reach them (loopback locally, NetworkPolicy on k8s),
// and only after the access guard has checked them against the RPC's
// declared permission.
#pragma once

#include <array>

namespace sentra::service {

inline constexpr char kOrgIdKey[] = "x-sentra-org-id";
inline constexpr char kUserIdKey[] = "x-sentra-user-id";
inline constexpr char kRoleKey[] = "x-sentra-role";
inline constexpr char kPermissionsKey[] = "x-sentra-permissions";  // comma-separated
// "*" (every brand) or comma-separated brand ids. Absent: no brand at all,
// so only records without a brand are visible (fail closed).
inline constexpr char kBrandAccessKey[] = "x-sentra-brands";
inline constexpr char kClientIdKey[] = "x-sentra-client-id";    // client-portal users
inline constexpr char kApiKeyIdKey[] = "x-sentra-api-key-id";   // when the credential is an API key
inline constexpr char kRequestIdKey[] = "x-request-id";
inline constexpr char kClientIpKey[] = "x-sentra-client-ip";
// The client's Idempotency-Key header on a POST, as the gateway checked it.
inline constexpr char kIdempotencyKey[] = "x-sentra-idempotency-key";
// The gRPC method the gateway routed the request to: a key names one
// request to one route.
inline constexpr char kRpcKey[] = "x-sentra-rpc";
// Set by a service in its initial metadata when the answer is the stored
// answer to an earlier request with the same key.
inline constexpr char kIdempotentReplayKey[] = "x-sentra-idempotent-replayed";

// Everything that says who the caller is and what they may do. The access
// guard removes all of these from a call it refuses.
inline constexpr std::array<const char*, 7> kIdentityKeys = {
    kOrgIdKey, kUserIdKey, kRoleKey, kPermissionsKey, kBrandAccessKey, kClientIdKey, kApiKeyIdKey};

}  // namespace sentra::service

// Validation of client input: plain functions, no I/O.
#pragma once

#include "absl/status/status.h"
#include "sentra/core/v1/clients.pb.h"

namespace sentra::core {

// Trims and normalizes in place, applies defaults, or names every bad field.
absl::Status NormalizeCreate(v1::CreateClientRequest& request);
absl::Status NormalizeUpdate(v1::UpdateClientRequest& request);
absl::Status CheckListFilters(const v1::ListClientsRequest& request);

}  // namespace sentra::core

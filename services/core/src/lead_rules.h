// Validation of lead input and the list cursor: plain functions, no I/O.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sentra/core/v1/leads.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

// The values to store for a new lead (trimmed, defaults applied), or a
// validation error naming every bad field.
absl::Status NormalizeCreate(v1::CreateLeadRequest& request);
absl::Status NormalizeUpdate(v1::UpdateLeadRequest& request);

struct ListQuery {
  service::SortedPage order;  // by creation or name, with the keyset position
  // The id filters in canonical (lower-case) form, as ids are stored: an
  // upper-case spelling names the same record. "" for no filter.
  std::string owner_id;
  std::string brand_id;
};

absl::StatusOr<ListQuery> ParseListRequest(const v1::ListLeadsRequest& request);
inline constexpr std::string_view kLeadList = "leads";

}  // namespace sentra::core

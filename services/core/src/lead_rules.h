// Validation of lead input and the list cursor: plain functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sentra/core/v1/leads.pb.h"

namespace sentra::core {

// The values to store for a new lead (trimmed, defaults applied), or a
// validation error naming every bad field.
absl::Status NormalizeCreate(v1::CreateLeadRequest& request);
absl::Status NormalizeUpdate(v1::UpdateLeadRequest& request);

enum class LeadSort { kCreatedAsc, kCreatedDesc, kNameAsc, kNameDesc };

struct ListQuery {
  int limit = 50;
  LeadSort sort = LeadSort::kCreatedAsc;
  // Keyset position after which the page starts.
  std::optional<std::string> after_id;
  std::optional<std::string> after_name;
  // The id filters in canonical (lower-case) form, as ids are stored: an
  // upper-case spelling names the same record. "" for no filter.
  std::string owner_id;
  std::string brand_id;
};

absl::StatusOr<ListQuery> ParseListRequest(const v1::ListLeadsRequest& request);
// Opaque to clients: base64url of "<sort>|<id>|<name>".
std::string EncodeCursor(LeadSort sort, const std::string& id, const std::string& name);

}  // namespace sentra::core

// Where leads are stored: the queries the lead logic needs. No SQL here: the
// PostgreSQL implementation is pg_lead_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "lead_rules.h"
#include "field_definition_cache.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/core/v1/leads.pb.h"

namespace sentra::core {

struct LeadFilter {
  std::string status;    // "" for any
  std::string source;    // "" for any
  std::string owner_id;  // canonical; "" for any
  std::string brand_id;  // canonical; "" for any
  std::string pattern;   // text::ContainsPattern of `q`; "" for none
  service::SortedPage order;  // by creation or name, keyset position, limit
};

class LeadQueries {
 public:
  virtual ~LeadQueries() = default;
  // Stores a lead from checked, normalized values; answers it as stored.
  virtual absl::StatusOr<v1::Lead> Insert(std::string_view id, const v1::CreateLeadRequest& values) = 0;
  // Nothing when no unarchived lead with this id is visible to the caller.
  virtual absl::StatusOr<std::optional<v1::Lead>> Find(std::string_view id) = 0;
  // Up to filter.page.limit + 1 leads in the page's order after its
  // position, into out->data, fewer when they pass the page's byte budget;
  // whether more follow the last one read (service::FinishPage).
  virtual absl::StatusOr<bool> List(const LeadFilter& filter, v1::ListLeadsResponse* out) = 0;
  // Applies the fields `patch` has and bumps the version; nothing when no
  // visible lead has the id (and, when the patch names one, the version).
  virtual absl::StatusOr<std::optional<v1::Lead>> Update(const v1::UpdateLeadRequest& patch) = 0;
  // Archives the lead and answers it; nothing when there is none to archive.
  virtual absl::StatusOr<std::optional<v1::Lead>> Archive(std::string_view id) = 0;
  // Marks a live lead not yet converted as converted into `client_id`;
  // nothing when there is no such lead.
  virtual absl::StatusOr<std::optional<v1::Lead>> Convert(std::string_view id, std::string_view client_id) = 0;
  // Find, the lead locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::Lead>> Lock(std::string_view id) = 0;
  // The lead custom fields' definitions, share-locked for the write.
  virtual absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() = 0;
};

}  // namespace sentra::core

// Where deals are stored: the queries the deal logic needs (the stages of
// pipelines among them). A deal is seen through its client, like a contact.
// No SQL here: the PostgreSQL implementation is pg_deal_queries.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/struct.pb.h>

#include "absl/status/statusor.h"
#include "field_definition_cache.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/core/v1/deals.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

// A deal as stored: the value in minor units, which only the logic, knowing
// the currency, turns into the API's decimal string.
struct StoredDeal {
  v1::Deal deal;  // `value` left empty
  std::int64_t value_minor = 0;
};

// The values of a new deal or of a change, checked and resolved.
struct DealValues {
  std::string title;
  std::string client_id;
  std::string pipeline_id;
  std::string stage_id;
  std::string status;
  std::int64_t value_minor = 0;
  std::string currency;
  std::string expected_close_date;  // YYYY-MM-DD or ""
  std::string owner_id;
  google::protobuf::Struct custom_fields;
  google::protobuf::RepeatedPtrField<std::string> tags;
};

struct StageRef {
  std::string id;
  std::string pipeline_id;
  std::string kind;
};

// The live deals of one stage in one currency the caller sees: how many,
// and the sum of their values in minor units, as PostgreSQL wrote it (a
// decimal integer, which may pass an int64).
struct StageSum {
  std::string stage_id;
  std::string currency;
  int count = 0;
  std::string value_minor;
};

struct DealFilter {
  std::string pipeline_id, stage_id, status, client_id;  // canonical; "" for any
  service::IdOrder order;
};

class DealQueries {
 public:
  virtual ~DealQueries() = default;
  // Whether the caller sees this live client, share-locked for the rest of
  // the write so that it cannot be archived or leave the caller's brands
  // while a deal is added to it.
  virtual absl::StatusOr<bool> LockClient(std::string_view client_id) = 0;
  virtual absl::StatusOr<std::optional<StageRef>> FindStage(std::string_view stage_id) = 0;
  // The first stage (lowest position) of a pipeline, or of the default one
  // when `pipeline_id` is "".
  virtual absl::StatusOr<std::optional<StageRef>> FirstStage(std::string_view pipeline_id) = 0;
  // Makes the organization's default pipeline if organization.created has
  // not made it yet.
  virtual absl::Status EnsureDefaultPipeline() = 0;
  // The deal custom fields' definitions, share-locked for the write.
  virtual absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() = 0;

  // Stores the deal and its first stage entry.
  virtual absl::StatusOr<StoredDeal> Insert(std::string_view id, const DealValues& values) = 0;
  virtual absl::StatusOr<std::optional<StoredDeal>> Find(std::string_view id) = 0;
  // Find, the deal locked for the rest of the write: changes of one deal
  // take turns, so only a version the caller sent can be stale.
  virtual absl::StatusOr<std::optional<StoredDeal>> Lock(std::string_view id) = 0;
  // Up to page.limit + 1 deals in id order after the page's position, into
  // `out`, fewer when they pass the page's byte budget; whether more follow
  // the last one read (service::FinishPage).
  virtual absl::StatusOr<bool> List(const DealFilter& filter, std::vector<StoredDeal>* out) = 0;
  // Writes every field of `values` (client and pipeline excepted), bumps the
  // version and, when the stage changed, records the entry; nothing when no
  // visible deal has the id at `version`.
  virtual absl::StatusOr<std::optional<StoredDeal>> Update(std::string_view id, int version,
                                                           const DealValues& values, bool stage_changed) = 0;
  virtual absl::StatusOr<std::optional<StoredDeal>> Archive(std::string_view id) = 0;
  // Whether the caller's organization has this live pipeline.
  virtual absl::StatusOr<bool> PipelineExists(std::string_view pipeline_id) = 0;
  // The pipeline's live deals the caller sees, summed by stage and currency.
  virtual absl::StatusOr<std::vector<StageSum>> StageSums(std::string_view pipeline_id) = 0;
};

}  // namespace sentra::core

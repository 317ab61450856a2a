// Where pipelines and their stages are stored: the queries the pipeline logic
// needs. Deleted pipelines and removed stages stay, archived, for deals'
// history. No SQL here: the PostgreSQL implementation is
// pg_pipeline_queries.h.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/core/v1/deals.pb.h"

namespace sentra::core {

class PipelineQueries {
 public:
  virtual ~PipelineQueries() = default;
  // Every live pipeline with its live stages in order, the default first.
  virtual absl::Status List(v1::ListPipelinesResponse* out) = 0;
  virtual absl::StatusOr<std::optional<v1::Pipeline>> Find(std::string_view id) = 0;
  // Find, the pipeline and its stages locked for the rest of the write: a
  // deal entering one of its stages waits, or is waited for.
  virtual absl::StatusOr<std::optional<v1::Pipeline>> Lock(std::string_view id) = 0;
  // The stages of the pipeline that live deals are in (seen after the lock).
  virtual absl::StatusOr<std::set<std::string>> StagesInUse(std::string_view pipeline_id) = 0;
  // Stores a pipeline (stage ids, version and timestamps ignored; positions
  // from the order), making it the default if it says so.
  virtual absl::StatusOr<v1::Pipeline> Insert(std::string_view id, const v1::Pipeline& values) = 0;
  // Writes the name, default and stages of `values` (stages with an id kept,
  // the others new, the live ones left out archived) and bumps the version;
  // nothing when no live pipeline has the id at `version`.
  virtual absl::StatusOr<std::optional<v1::Pipeline>> Update(std::string_view id, int version,
                                                             const v1::Pipeline& values) = 0;
  virtual absl::StatusOr<std::optional<v1::Pipeline>> Archive(std::string_view id) = 0;
  // How many live pipelines the organization has, the count kept true until
  // the write ends: pipeline creations take turns.
  virtual absl::StatusOr<int> LockAndCount() = 0;
  // The organization's default pipeline ("Sales" and its stages), unless it
  // has a default already.
  virtual absl::Status EnsureDefault() = 0;
};

// The most live pipelines an organization has (their list, with up to 30
// stages each, is read whole).
inline constexpr int kMaxPipelines = 50;

}  // namespace sentra::core

#include "default_pipeline.h"

#include "sentra/db/query.h"
#include "sentra/ids/uuid.h"

namespace sentra::core {

namespace {

constexpr db::Query kInsertPipeline{"core.insert_pipeline",
                                    "INSERT INTO pipelines (id, org_id, name, is_default) VALUES ($1, $2, $3, true) "
                                    "ON CONFLICT DO NOTHING"};
constexpr db::Query kInsertStage{
    "core.insert_stage",
    "INSERT INTO pipeline_stages (id, org_id, pipeline_id, name, position, probability, kind) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};

struct StageSpec {
  const char* name;
  int probability;
  const char* kind;
};
constexpr StageSpec kStages[] = {{"New", 10, "open"},         {"Qualified", 30, "open"},
                                 {"Proposal", 60, "open"},    {"Negotiation", 80, "open"},
                                 {"Won", 100, "won"},         {"Lost", 0, "lost"}};
}  // namespace

absl::Status EnsureDefaultPipeline(db::Transaction& tx, std::string_view org_id) {
  const std::string pipeline_id = ids::NewUuidV7();
  auto inserted = tx.Execute(kInsertPipeline, pipeline_id, org_id, "Sales");
  if (!inserted.ok()) return inserted.status();
  if (inserted->affected() == 0) return absl::OkStatus();  // it has one already
  int position = 0;
  for (const auto& stage : kStages) {
    auto s = tx.Execute(kInsertStage, ids::NewUuidV7(), org_id, pipeline_id, stage.name,
                        ++position, stage.probability, stage.kind);
    if (!s.ok()) return s.status();
  }
  return absl::OkStatus();
}

}  // namespace sentra::core

#include "default_pipeline.h"

#include "lead_queries.h"
#include "sentra/ids/uuid.h"

namespace sentra::core {

namespace {
struct StageSpec {
  const char* name;
  int probability;
  const char* kind;
};
constexpr StageSpec kStages[] = {{"New", 10, "open"},         {"Qualified", 30, "open"},
                                 {"Proposal", 60, "open"},    {"Negotiation", 80, "open"},
                                 {"Won", 100, "won"},         {"Lost", 0, "lost"}};
}  // namespace

absl::Status CreateDefaultPipeline(db::Transaction& tx, const events::v1::Envelope& event) {
  const std::string pipeline_id = ids::NewUuidV7();
  auto inserted = tx.Execute(sql::kInsertPipeline, pipeline_id, event.org_id(), "Sales");
  if (!inserted.ok()) return inserted.status();
  if (inserted->affected() == 0) return absl::OkStatus();  // it has one already
  int position = 0;
  for (const auto& stage : kStages) {
    auto s = tx.Execute(sql::kInsertStage, ids::NewUuidV7(), event.org_id(), pipeline_id, stage.name,
                        ++position, stage.probability, stage.kind);
    if (!s.ok()) return s.status();
  }
  return absl::OkStatus();
}

}  // namespace sentra::core

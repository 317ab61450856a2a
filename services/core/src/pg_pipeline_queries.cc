#include "pg_pipeline_queries.h"

#include <google/protobuf/util/time_util.h>

#include <map>

#include "default_pipeline.h"
#include "sentra/db/query.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/comma_list.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// $2: one pipeline, or "" for all; $3: lock them (and their stages).
constexpr Query kPipelines{
    "core.list_pipelines",
    "SELECT id, name, is_default, (extract(epoch from created_at) * 1000000)::bigint, version, "
    "(extract(epoch from updated_at) * 1000000)::bigint FROM pipelines "
    "WHERE org_id = $1 AND archived_at IS NULL AND ($2 = '' OR id = NULLIF($2, '')::uuid) "
    "ORDER BY is_default DESC, name, id"};
constexpr Query kLockPipeline{
    "core.lock_pipeline",
    "SELECT 1 FROM pipelines WHERE org_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE"};
constexpr Query kLockStages{"core.lock_stages",
                            "SELECT 1 FROM pipeline_stages WHERE org_id = $1 AND pipeline_id = $2 "
                            "AND archived_at IS NULL FOR UPDATE"};
constexpr Query kStages{
    "core.list_stages",
    "SELECT pipeline_id, id, name, position, probability, kind FROM pipeline_stages "
    "WHERE org_id = $1 AND archived_at IS NULL AND ($2 = '' OR pipeline_id = NULLIF($2, '')::uuid) "
    "ORDER BY pipeline_id, position"};
constexpr Query kStagesInUse{
    "core.stages_in_use",
    "SELECT DISTINCT stage_id FROM deals WHERE org_id = $1 AND pipeline_id = $2 AND archived_at IS NULL"};
constexpr Query kCount{"core.count_pipelines",
                       "SELECT count(*) FROM pipelines WHERE org_id = $1 AND archived_at IS NULL"};
constexpr Query kInsert{"core.insert_pipeline_edited",
                        "INSERT INTO pipelines (id, org_id, name, is_default) VALUES ($2, $1, $3, false)"};
// The default, locked: of two moves of the default, the second waits here
// and then clears the first's.
constexpr Query kLockDefault{"core.lock_default_pipeline",
                             "SELECT id FROM pipelines WHERE org_id = $1 AND is_default AND archived_at IS NULL "
                             "FOR UPDATE"};
constexpr Query kClearDefault{
    "core.clear_default_pipeline",
    "UPDATE pipelines SET is_default = false, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND is_default AND archived_at IS NULL AND id <> $2"};
constexpr Query kSetDefault{"core.set_default_pipeline",
                            "UPDATE pipelines SET is_default = true WHERE org_id = $1 AND id = $2"};
constexpr Query kUpdate{
    "core.update_pipeline",
    "UPDATE pipelines SET name = $3, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND version = $4"};
// Out of the way of the unique positions before they are given again.
constexpr Query kParkPositions{
    "core.park_stage_positions",
    "UPDATE pipeline_stages SET position = -position WHERE org_id = $1 AND pipeline_id = $2 AND archived_at IS NULL"};
// $3: the ids of the stages kept, comma-separated.
constexpr Query kArchiveDropped{
    "core.archive_dropped_stages",
    "UPDATE pipeline_stages SET archived_at = now() WHERE org_id = $1 AND pipeline_id = $2 AND archived_at IS NULL "
    "AND id <> ALL (string_to_array($3, ',')::uuid[])"};
constexpr Query kSaveStage{
    "core.save_stage",
    "INSERT INTO pipeline_stages (id, org_id, pipeline_id, name, position, probability, kind) "
    "VALUES ($3, $1, $2, $4, $5, $6, $7) ON CONFLICT (org_id, id) DO UPDATE SET name = EXCLUDED.name, "
    "position = EXCLUDED.position, probability = EXCLUDED.probability, kind = EXCLUDED.kind "
    "WHERE pipeline_stages.pipeline_id = EXCLUDED.pipeline_id AND pipeline_stages.archived_at IS NULL"};
constexpr Query kArchive{
    "core.archive_pipeline",
    "UPDATE pipelines SET archived_at = now(), version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 AND archived_at IS NULL AND NOT is_default"};
constexpr Query kArchiveStages{
    "core.archive_pipeline_stages",
    "UPDATE pipeline_stages SET archived_at = now() WHERE org_id = $1 AND pipeline_id = $2 AND archived_at IS NULL"};

absl::Status Done(const absl::StatusOr<db::Result>& r) { return r.ok() ? absl::OkStatus() : r.status(); }

// The pipelines (one when `id` is given) with their stages: two statements,
// whatever the number of pipelines.
absl::Status ReadPipelines(db::Transaction& tx, std::string_view id, v1::ListPipelinesResponse* out) {
  auto pipelines = tx.Execute(kPipelines, tx.org_id(), id);
  if (!pipelines.ok()) return pipelines.status();
  std::map<std::string, v1::Pipeline*> by_id;
  for (int i = 0; i < pipelines->rows(); ++i) {
    v1::Pipeline* p = out->add_data();
    p->set_id(pipelines->String(i, 0));
    p->set_name(pipelines->String(i, 1));
    p->set_is_default(pipelines->Bool(i, 2));
    *p->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(pipelines->Int(i, 3));
    p->set_version(static_cast<int>(pipelines->Int(i, 4)));
    *p->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(pipelines->Int(i, 5));
    by_id[p->id()] = p;
  }
  auto stages = tx.Execute(kStages, tx.org_id(), id);
  if (!stages.ok()) return stages.status();
  for (int i = 0; i < stages->rows(); ++i) {
    auto it = by_id.find(stages->String(i, 0));
    if (it == by_id.end()) continue;
    v1::Stage* s = it->second->add_stages();
    s->set_id(stages->String(i, 1));
    s->set_name(stages->String(i, 2));
    s->set_position(static_cast<int>(stages->Int(i, 3)));
    s->set_probability(static_cast<int>(stages->Int(i, 4)));
    s->set_kind(stages->String(i, 5));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PgPipelineQueries::List(v1::ListPipelinesResponse* out) { return ReadPipelines(tx_, "", out); }

absl::StatusOr<std::optional<v1::Pipeline>> PgPipelineQueries::Find(std::string_view id) {
  v1::ListPipelinesResponse one;
  if (auto s = ReadPipelines(tx_, id, &one); !s.ok()) return s;
  if (one.data_size() == 0) return std::nullopt;
  return one.data(0);
}

absl::StatusOr<std::optional<v1::Pipeline>> PgPipelineQueries::Lock(std::string_view id) {
  auto locked = tx_.Execute(kLockPipeline, tx_.org_id(), id);
  if (!locked.ok()) return locked.status();
  if (locked->rows() == 0) return std::nullopt;
  if (auto s = Done(tx_.Execute(kLockStages, tx_.org_id(), id)); !s.ok()) return s;
  return Find(id);
}

absl::StatusOr<std::set<std::string>> PgPipelineQueries::StagesInUse(std::string_view pipeline_id) {
  auto rows = tx_.Execute(kStagesInUse, tx_.org_id(), pipeline_id);
  if (!rows.ok()) return rows.status();
  std::set<std::string> stages;
  for (int i = 0; i < rows->rows(); ++i) stages.insert(rows->String(i, 0));
  return stages;
}

absl::Status PgPipelineQueries::MakeDefault(std::string_view id) {
  // The old default first: one live default at any moment (a unique index).
  if (auto s = Done(tx_.Execute(kLockDefault, tx_.org_id())); !s.ok()) return s;
  if (auto s = Done(tx_.Execute(kClearDefault, tx_.org_id(), id)); !s.ok()) return s;
  return Done(tx_.Execute(kSetDefault, tx_.org_id(), id));
}

absl::Status PgPipelineQueries::SaveStages(std::string_view pipeline_id, const v1::Pipeline& values) {
  std::vector<std::string> kept;
  for (const auto& stage : values.stages()) {
    if (!stage.id().empty()) kept.push_back(stage.id());
  }
  if (auto s = Done(tx_.Execute(kParkPositions, tx_.org_id(), pipeline_id)); !s.ok()) return s;
  if (auto s = Done(tx_.Execute(kArchiveDropped, tx_.org_id(), pipeline_id, text::JoinList(kept))); !s.ok()) return s;
  int position = 0;
  for (const auto& stage : values.stages()) {
    const std::string id = stage.id().empty() ? ids::NewUuidV7() : stage.id();
    auto saved = tx_.Execute(kSaveStage, tx_.org_id(), pipeline_id, id, stage.name(), ++position,
                             stage.probability(), stage.kind());
    if (!saved.ok()) return saved.status();
    if (saved->affected() == 0) return absl::InternalError("a kept stage is not the pipeline's");
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Pipeline> PgPipelineQueries::Insert(std::string_view id, const v1::Pipeline& values) {
  if (auto s = Done(tx_.Execute(kInsert, tx_.org_id(), id, values.name())); !s.ok()) return s;
  if (auto s = SaveStages(id, values); !s.ok()) return s;
  if (values.is_default()) {
    if (auto s = MakeDefault(id); !s.ok()) return s;
  }
  auto stored = Find(id);
  if (!stored.ok()) return stored.status();
  if (!*stored) return absl::InternalError("a pipeline just stored is not found");
  return **std::move(stored);
}

absl::StatusOr<std::optional<v1::Pipeline>> PgPipelineQueries::Update(std::string_view id, int version,
                                                                      const v1::Pipeline& values) {
  auto updated = tx_.Execute(kUpdate, tx_.org_id(), id, values.name(), version);
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) return std::nullopt;
  if (auto s = SaveStages(id, values); !s.ok()) return s;
  if (values.is_default()) {
    if (auto s = MakeDefault(id); !s.ok()) return s;
  }
  return Find(id);
}

absl::StatusOr<std::optional<v1::Pipeline>> PgPipelineQueries::Archive(std::string_view id) {
  auto found = Find(id);
  if (!found.ok() || !*found) return found;
  auto archived = tx_.Execute(kArchive, tx_.org_id(), id);
  if (!archived.ok()) return archived.status();
  if (archived->affected() == 0) return std::nullopt;
  if (auto s = Done(tx_.Execute(kArchiveStages, tx_.org_id(), id)); !s.ok()) return s;
  return found;
}

absl::StatusOr<int> PgPipelineQueries::LockAndCount() {
  if (auto s = db::TakeTurn(tx_, "pipelines"); !s.ok()) return s;
  auto rows = tx_.Execute(kCount, tx_.org_id());
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows->Int(0, 0));
}

absl::Status PgPipelineQueries::EnsureDefault() { return EnsureDefaultPipeline(tx_, tx_.org_id()); }

}  // namespace sentra::core

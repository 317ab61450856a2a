#include "pipeline_repository.h"

#include <google/protobuf/util/time_util.h>

#include <map>

#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

constexpr Query kPipelines{
    "core.list_pipelines",
    "SELECT id, name, is_default, (extract(epoch from created_at) * 1000000)::bigint FROM pipelines "
    "WHERE org_id = $1 AND ($2 = '' OR id = NULLIF($2, '')::uuid) ORDER BY is_default DESC, name, id"};
constexpr Query kStages{
    "core.list_stages",
    "SELECT pipeline_id, id, name, position, probability, kind FROM pipeline_stages "
    "WHERE org_id = $1 AND ($2 = '' OR pipeline_id = NULLIF($2, '')::uuid) ORDER BY pipeline_id, position"};

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

}  // namespace sentra::core

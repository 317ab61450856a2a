#include "pipelines.h"

#include <algorithm>
#include <map>
#include <set>

#include "field_checks.h"
#include "fmt/format.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/limits.h"
#include "sentra/events/v1/pipeline.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/patch_fields.h"
#include "sentra/text/validation.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

using errors::FieldError;

constexpr int kMaxStages = 30;

absl::Status Emit(bus::EventSink& events, std::string_view type, const v1::Pipeline& p,
                  std::vector<std::string> changed = {}) {
  events::v1::PipelineChanged event;
  event.set_pipeline_id(p.id());
  event.set_name(p.name());
  event.set_is_default(p.is_default());
  for (const auto& s : p.stages()) {
    auto* stage = event.add_stages();
    stage->set_stage_id(s.id());
    stage->set_name(s.name());
    stage->set_position(s.position());
    stage->set_probability(s.probability());
    stage->set_kind(s.kind());
  }
  event.set_version(p.version());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "pipeline", p.id(), event);
}

// The stages as given, checked (their names trimmed, their ids canonical).
void CheckStages(google::protobuf::RepeatedPtrField<v1::Stage>* stages, std::vector<FieldError>& problems) {
  if (stages->empty() || stages->size() > kMaxStages) {
    problems.push_back({"stages", fmt::format("must be 1 to {} stages", kMaxStages)});
    return;
  }
  std::set<std::string> names, ids;
  for (int i = 0; i < stages->size(); ++i) {
    v1::Stage& stage = *stages->Mutable(i);
    const std::string at = fmt::format("stages[{}].", i);
    CheckRequiredText(stage.mutable_name(), at + "name", 100, problems);
    if (!names.insert(text::Trim(stage.name())).second) problems.push_back({at + "name", "is another stage's too"});
    if (stage.probability() < 0 || stage.probability() > 100) {
      problems.push_back({at + "probability", "must be from 0 to 100"});
    }
    if (stage.kind() != "open" && stage.kind() != "won" && stage.kind() != "lost") {
      problems.push_back({at + "kind", "must be open, won or lost"});
    }
    CheckId(stage.mutable_id(), at + "id", "a stage id", problems);
    if (!stage.id().empty() && !ids.insert(stage.id()).second) problems.push_back({at + "id", "is given twice"});
  }
  // A deal without a stage starts in the first one.
  if (stages->Get(0).kind() != "open") problems.push_back({"stages[0].kind", "must be open: deals start there"});
}

// The default pipeline's id, "" when there is none yet.
absl::StatusOr<std::string> DefaultId(PipelineQueries& pipelines) {
  v1::ListPipelinesResponse all;
  if (auto s = pipelines.List(&all); !s.ok()) return s;
  for (const auto& p : all.data()) {
    if (p.is_default()) return p.id();
  }
  return std::string();
}

// pipeline.updated for the pipeline that was the default until `now_default` took over.
absl::Status EmitNoLongerDefault(PipelineQueries& pipelines, bus::EventSink& events, const std::string& old_default,
                                 const std::string& now_default) {
  if (old_default.empty() || old_default == now_default) return absl::OkStatus();
  auto old = pipelines.Find(old_default);
  if (!old.ok()) return old.status();
  if (!*old) return absl::OkStatus();
  return Emit(events, "pipeline.updated", **old, {"is_default"});
}

}  // namespace

absl::Status PipelineLogic::List(const service::CallContext&, v1::ListPipelinesResponse* out) {
  return pipelines_.Read([&](PipelineQueries& pipelines) {
    out->Clear();
    return pipelines.List(out);
  });
}

absl::Status PipelineLogic::Get(const service::CallContext&, std::string_view id, v1::Pipeline* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a pipeline id");
  return pipelines_.Read([&](PipelineQueries& pipelines) -> absl::Status {
    auto found = pipelines.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("pipeline");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status PipelineLogic::Create(const service::CallContext&, v1::CreatePipelineRequest r, v1::Pipeline* out) {
  std::vector<FieldError> problems;
  CheckRequiredText(r.mutable_name(), "name", 100, problems);
  CheckStages(r.mutable_stages(), problems);
  for (int i = 0; i < r.stages_size(); ++i) {
    if (!r.stages(i).id().empty()) problems.push_back({fmt::format("stages[{}].id", i), "is given by the server"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  v1::Pipeline values;
  values.set_name(r.name());
  values.set_is_default(r.is_default());
  *values.mutable_stages() = r.stages();
  return pipelines_.Write([&](PipelineQueries& pipelines, bus::EventSink& events) -> absl::Status {
    if (auto s = errors::WithinLimit(pipelines.LockAndCount(), kMaxPipelines, "pipelines"); !s.ok()) return s;
    auto old_default = values.is_default() ? DefaultId(pipelines) : absl::StatusOr<std::string>("");
    if (!old_default.ok()) return old_default.status();
    auto created = pipelines.Insert(ids::NewUuidV7(), values);
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    if (auto s = Emit(events, "pipeline.created", *out); !s.ok()) return s;
    return EmitNoLongerDefault(pipelines, events, *old_default, out->id());
  });
}

absl::Status PipelineLogic::Update(const service::CallContext&, v1::UpdatePipelineRequest r, v1::Pipeline* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a pipeline id");
  const bool new_stages = service::BodyHas(r, "stages");
  std::vector<FieldError> problems;
  if (r.has_name()) CheckRequiredText(r.mutable_name(), "name", 100, problems);
  if (r.has_is_default() && !r.is_default()) {
    problems.push_back({"is_default", "can only be set: make another pipeline the default instead"});
  }
  if (new_stages) CheckStages(r.mutable_stages(), problems);
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return pipelines_.Write([&](PipelineQueries& pipelines, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(pipelines.Lock(*id), "pipeline", service::RequestedVersion(r), [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    const v1::Pipeline& was = *current;
    const int version = was.version();
    v1::Pipeline values = was;
    if (r.has_name()) values.set_name(r.name());
    if (r.has_is_default()) values.set_is_default(true);
    if (new_stages) {
      std::map<std::string, const v1::Stage*> existing;
      for (const auto& s : was.stages()) existing[s.id()] = &s;
      auto in_use = pipelines.StagesInUse(*id);
      if (!in_use.ok()) return in_use.status();
      std::set<std::string> kept;
      std::vector<FieldError> bad;
      for (int i = 0; i < r.stages_size(); ++i) {
        const v1::Stage& stage = r.stages(i);
        if (stage.id().empty()) continue;
        const auto it = existing.find(stage.id());
        if (it == existing.end()) {
          bad.push_back({fmt::format("stages[{}].id", i), "is not a stage of this pipeline"});
          continue;
        }
        kept.insert(stage.id());
        if (it->second->kind() != stage.kind() && in_use->contains(stage.id())) {
          bad.push_back({fmt::format("stages[{}].kind", i), "cannot change while deals are in the stage"});
        }
      }
      if (!bad.empty()) return errors::Validation(std::move(bad));
      for (const auto& s : was.stages()) {
        if (!kept.contains(s.id()) && in_use->contains(s.id())) {
          return errors::Conflict("stages", fmt::format("leave out \"{}\", which deals are in: move them first",
                                                        s.name()));
        }
      }
      *values.mutable_stages() = r.stages();
    }
    std::vector<std::string> changed = service::FieldsSet(r, {"name", "is_default"});
    if (new_stages) changed.push_back("stages");
    if (changed.empty()) {
      *out = was;
      return absl::OkStatus();
    }
    auto old_default = values.is_default() && !was.is_default() ? DefaultId(pipelines)
                                                                : absl::StatusOr<std::string>("");
    if (!old_default.ok()) return old_default.status();
    auto updated = pipelines.Update(*id, version, values);
    if (!updated.ok()) return updated.status();
    if (!*updated) return errors::VersionConflict("pipeline");
    *out = **std::move(updated);
    if (auto s = Emit(events, "pipeline.updated", *out, std::move(changed)); !s.ok()) return s;
    return EmitNoLongerDefault(pipelines, events, *old_default, out->id());
  });
}

absl::Status PipelineLogic::Delete(const service::CallContext&, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a pipeline id");
  return pipelines_.Write([&](PipelineQueries& pipelines, bus::EventSink& events) -> absl::Status {
    auto current = pipelines.Lock(*canonical);
    if (!current.ok()) return current.status();
    if (!*current) return errors::NotFound("pipeline");
    if ((*current)->is_default()) {
      return errors::Conflict("is_default", "is true: make another pipeline the default before deleting this one");
    }
    auto in_use = pipelines.StagesInUse(*canonical);
    if (!in_use.ok()) return in_use.status();
    if (!in_use->empty()) return errors::Conflict("stages", "hold deals: move or delete them first");
    auto archived = pipelines.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) return errors::NotFound("pipeline");
    return Emit(events, "pipeline.deleted", **archived);
  });
}

absl::Status CreateDefaultPipeline(PipelineQueries& pipelines, bus::EventSink&, const events::v1::Envelope&) {
  return pipelines.EnsureDefault();
}

}  // namespace sentra::core

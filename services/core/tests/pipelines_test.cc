// PipelineLogic on fakes: stages checked and placed in order, one default,
// and the stages deals are in neither removed nor given another kind.
#include "src/pipelines.h"

#include <catch2/catch.hpp>

#include "fake_pipeline_queries.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/pipeline.pb.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<PipelineQueries, testing::FakePipelineQueries>;

void AddStage(google::protobuf::RepeatedPtrField<v1::Stage>* stages, const std::string& name, int probability,
              const std::string& kind, const std::string& id = "") {
  auto* s = stages->Add();
  s->set_id(id);
  s->set_name(name);
  s->set_probability(probability);
  s->set_kind(kind);
}

struct Fixture {
  v1::Pipeline Create(const std::string& name, bool is_default = false) {
    v1::CreatePipelineRequest request;
    request.set_name(name);
    request.set_is_default(is_default);
    AddStage(request.mutable_stages(), "Lead in", 10, "open");
    AddStage(request.mutable_stages(), "Signed", 100, "won");
    AddStage(request.mutable_stages(), "Gone", 0, "lost");
    v1::Pipeline out;
    const auto status = pipelines.Create(call, request, &out);
    INFO(status.ToString());
    REQUIRE(status.ok());
    return out;
  }

  Repo repo;
  PipelineLogic pipelines{repo};
  CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef", .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01"};
};

}  // namespace

TEST_CASE("a pipeline's stages are placed in order, and one pipeline is the default", "[core][pipelines]") {
  Fixture f;
  const v1::Pipeline sales = f.Create("Sales", true);
  REQUIRE(sales.stages_size() == 3);
  CHECK(sales.stages(0).position() == 1);
  CHECK(sales.stages(2).position() == 3);
  CHECK(sales.is_default());
  const v1::Pipeline renewals = f.Create("Renewals", true);
  CHECK(f.repo.state.pipelines.at(renewals.id()).is_default());
  CHECK_FALSE(f.repo.state.pipelines.at(sales.id()).is_default());
  // The old default is told it no longer is.
  const auto& moved = f.repo.events.back();
  CHECK(moved.type == "pipeline.updated");
  CHECK(moved.As<events::v1::PipelineChanged>().pipeline_id() == sales.id());
  CHECK_FALSE(moved.As<events::v1::PipelineChanged>().is_default());
  CHECK(f.repo.events[f.repo.events.size() - 2].type == "pipeline.created");
  CHECK(f.repo.events[f.repo.events.size() - 2].As<events::v1::PipelineChanged>().stages_size() == 3);

  // The default is moved, never cleared; it is not deleted.
  v1::UpdatePipelineRequest clear;
  clear.set_id(renewals.id());
  clear.set_is_default(false);
  v1::Pipeline out;
  CHECK(sentra::testing::ErrorFields(f.pipelines.Update(f.call, clear, &out)) == std::vector<std::string>{"is_default"});
  CHECK(errors::AppCode(f.pipelines.Delete(f.call, renewals.id())) == "CONFLICT");
  REQUIRE(f.pipelines.Delete(f.call, sales.id()).ok());
  CHECK(f.repo.events.back().type == "pipeline.deleted");
}

TEST_CASE("stages are checked: names, probabilities, kinds, an open first stage", "[core][pipelines]") {
  Fixture f;
  v1::CreatePipelineRequest bad;
  bad.set_name(" ");
  v1::Pipeline out;
  CHECK(sentra::testing::ErrorFields(f.pipelines.Create(f.call, bad, &out)) == std::vector<std::string>{"name", "stages"});
  bad.set_name("Sales");
  AddStage(bad.mutable_stages(), "Won", 100, "won");
  AddStage(bad.mutable_stages(), "Won", 101, "maybe", "0190f1c2-3b4a-7def-8123-4567890000a1");
  CHECK(sentra::testing::ErrorFields(f.pipelines.Create(f.call, bad, &out)) ==
        std::vector<std::string>{"stages[1].name", "stages[1].probability", "stages[1].kind", "stages[0].kind",
                                 "stages[1].id"});
  CHECK(f.repo.state.pipelines.empty());
}

TEST_CASE("a stage with deals in it keeps its place in the pipeline and its kind", "[core][pipelines]") {
  Fixture f;
  const v1::Pipeline sales = f.Create("Sales", true);
  const std::string lead_in = sales.stages(0).id(), signed_ = sales.stages(1).id(), gone = sales.stages(2).id();
  f.repo.state.deals_in = {lead_in, signed_};

  // Renamed, moved and a stage added: fine. Left out while in use: 409.
  v1::UpdatePipelineRequest edit;
  edit.set_id(sales.id());
  edit.add_body_fields("stages");
  AddStage(edit.mutable_stages(), "Inbound", 15, "open", lead_in);
  AddStage(edit.mutable_stages(), "Demo", 40, "open");
  AddStage(edit.mutable_stages(), "Signed", 100, "won", signed_);
  v1::Pipeline out;
  REQUIRE(f.pipelines.Update(f.call, edit, &out).ok());
  REQUIRE(out.stages_size() == 3);
  CHECK(out.stages(0).name() == "Inbound");
  CHECK(out.stages(1).position() == 2);
  CHECK(out.stages(2).id() == signed_);  // "Gone" was empty, so it went

  v1::UpdatePipelineRequest drop;
  drop.set_id(sales.id());
  drop.add_body_fields("stages");
  AddStage(drop.mutable_stages(), "Inbound", 15, "open", lead_in);
  CHECK(errors::AppCode(f.pipelines.Update(f.call, drop, &out)) == "CONFLICT");
  v1::UpdatePipelineRequest rekind;
  rekind.set_id(sales.id());
  rekind.add_body_fields("stages");
  AddStage(rekind.mutable_stages(), "Inbound", 15, "open", lead_in);
  AddStage(rekind.mutable_stages(), "Signed", 100, "lost", signed_);
  CHECK(sentra::testing::ErrorFields(f.pipelines.Update(f.call, rekind, &out)) == std::vector<std::string>{"stages[1].kind"});
  v1::UpdatePipelineRequest foreign;
  foreign.set_id(sales.id());
  foreign.add_body_fields("stages");
  AddStage(foreign.mutable_stages(), "Else", 15, "open", gone);
  CHECK(sentra::testing::ErrorFields(f.pipelines.Update(f.call, foreign, &out)) == std::vector<std::string>{"stages[0].id"});
  // A pipeline with deals is not deleted.
  const v1::Pipeline other = f.Create("Other");
  f.repo.state.deals_in.insert(other.stages(0).id());
  CHECK(errors::AppCode(f.pipelines.Delete(f.call, other.id())) == "CONFLICT");
  CHECK(f.repo.state.pipelines.size() == 2);
}

}  // namespace sentra::core

namespace sentra::core {

TEST_CASE("an organization has at most 50 pipelines: the next is refused, and one gone makes room", "[core][pipelines]") {
  Fixture f;
  v1::Pipeline second;
  for (int i = 0; i < kMaxPipelines; ++i) {
    const v1::Pipeline made = f.Create("Pipeline " + std::to_string(i), i == 0);
    if (i == 1) second = made;
  }
  v1::CreatePipelineRequest more;
  more.set_name("One too many");
  AddStage(more.mutable_stages(), "Lead in", 10, "open");
  v1::Pipeline out;
  const auto refused = f.pipelines.Create(f.call, more, &out);
  CHECK(errors::AppCode(refused) == "CONFLICT");
  CHECK(std::string(refused.message()).find("50 pipelines") != std::string::npos);
  REQUIRE(f.pipelines.Delete(f.call, second.id()).ok());
  CHECK(f.pipelines.Create(f.call, more, &out).ok());
}

TEST_CASE("organization.created gives the organization its default pipeline, once", "[core][pipelines]") {
  Fixture f;
  events::v1::Envelope created;
  created.set_type("organization.created");
  const auto handle = [&] {
    return f.repo.Write([&](PipelineQueries& q, bus::EventSink& s) { return CreateDefaultPipeline(q, s, created); });
  };
  REQUIRE(handle().ok());
  REQUIRE(handle().ok());
  REQUIRE(f.repo.state.pipelines.size() == 1);
  const v1::Pipeline& sales = f.repo.state.pipelines.begin()->second;
  CHECK(sales.is_default());
  CHECK(sales.stages_size() == 6);
  // One the owner already made default (a deal came first) is kept.
  Fixture g;
  const v1::Pipeline own = g.Create("Own", true);
  REQUIRE(g.repo.Write([&](PipelineQueries& q, bus::EventSink& s) { return CreateDefaultPipeline(q, s, created); })
              .ok());
  CHECK(g.repo.state.pipelines.size() == 1);
  CHECK(g.repo.state.pipelines.at(own.id()).is_default());
}

}  // namespace sentra::core

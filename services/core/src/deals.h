// The rules of deals: a client's prospective sale in one pipeline, moved
// stage by stage (each move recorded), its status the kind of its stage,
// its value exact in its currency. No SQL and no gRPC, so the unit tests run
// it on fakes (tests/deals_test.cc).
#pragma once

#include "auth_references.h"
#include "deal_queries.h"
#include "sentra/core/v1/deals.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

// A new deal's request checked into the values to store, all but its
// client, owner and stage; VALIDATION_ERROR naming every bad field.
absl::Status CheckNewDeal(v1::CreateDealRequest& request, DealValues* values);
// In a write: the stage `stage_id` / the first of `pipeline_id` / of the
// default pipeline, the deal stored there and deal.created (and deal.won or
// deal.lost) emitted; the deal as the API shows it.
absl::StatusOr<v1::Deal> StoreNewDeal(DealQueries& deals, bus::EventSink& events, DealValues values,
                                      const std::string& pipeline_id, const std::string& stage_id);

class DealLogic {
 public:
  DealLogic(service::Repository<DealQueries>& deals, const ReferenceChecker& references)
      : deals_(deals), references_(references) {}

  // deal.created (and deal.won or deal.lost when created in such a stage).
  // Without a stage, the first of the pipeline; without a pipeline, the default.
  absl::Status Create(const service::CallContext& call, v1::CreateDealRequest request, v1::Deal* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Deal* out);
  absl::Status List(const service::CallContext& call, const v1::ListDealsRequest& request, v1::ListDealsResponse* out);
  // deal.updated for its fields; a new stage_id (of the same pipeline) moves
  // it: deal.stage_changed, and deal.won or deal.lost when its status
  // becomes that. A new currency needs the value in it.
  absl::Status Update(const service::CallContext& call, v1::UpdateDealRequest request, v1::Deal* out);
  absl::Status Delete(const service::CallContext& call, std::string_view id);
  // Each stage's live deals the caller sees, counted and summed per currency.
  absl::Status Totals(const service::CallContext& call, std::string_view pipeline_id, v1::PipelineTotals* out);

 private:
  service::Repository<DealQueries>& deals_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

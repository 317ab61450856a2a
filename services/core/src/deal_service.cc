#include "deal_service.h"

#include "pg_deal_queries.h"
#include "deals.h"
#include "pg_pipeline_queries.h"
#include "pipelines.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Deals = service::PgRepository<DealQueries, PgDealQueries>;
using Pipelines = service::PgRepository<PipelineQueries, PgPipelineQueries>;
using service::CallContext;

}  // namespace

grpc::Status PipelineServiceImpl::ListPipelines(grpc::ServerContext* c, const v1::ListPipelinesRequest*,
                                                v1::ListPipelinesResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Pipelines pipelines(storage_, call);
    return PipelineLogic(pipelines).List(call, out);
  });
}

grpc::Status PipelineServiceImpl::GetPipeline(grpc::ServerContext* c, const v1::GetPipelineRequest* request,
                                              v1::Pipeline* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Pipelines pipelines(storage_, call);
    return PipelineLogic(pipelines).Get(call, request->id(), out);
  });
}

grpc::Status PipelineServiceImpl::CreatePipeline(grpc::ServerContext* c, const v1::CreatePipelineRequest* request,
                                                 v1::Pipeline* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Pipelines pipelines(storage_, call, &write, out);
                                    return PipelineLogic(pipelines).Create(call, *request, out);
                                  });
}

grpc::Status PipelineServiceImpl::UpdatePipeline(grpc::ServerContext* c, const v1::UpdatePipelineRequest* request,
                                                 v1::Pipeline* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Pipelines pipelines(storage_, call);
    return PipelineLogic(pipelines).Update(call, *request, out);
  });
}

grpc::Status PipelineServiceImpl::DeletePipeline(grpc::ServerContext* c, const v1::DeletePipelineRequest* request,
                                                 v1::DeletePipelineResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Pipelines pipelines(storage_, call);
    return PipelineLogic(pipelines).Delete(call, request->id());
  });
}

grpc::Status DealServiceImpl::CreateDeal(grpc::ServerContext* c, const v1::CreateDealRequest* request, v1::Deal* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Deals deals(storage_, call, &write, out);
                                    return DealLogic(deals, references_).Create(call, *request, out);
                                  });
}

grpc::Status DealServiceImpl::ListDeals(grpc::ServerContext* c, const v1::ListDealsRequest* request,
                                        v1::ListDealsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Deals deals(storage_, call);
    return DealLogic(deals, references_).List(call, *request, out);
  });
}

grpc::Status DealServiceImpl::GetDeal(grpc::ServerContext* c, const v1::GetDealRequest* request, v1::Deal* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Deals deals(storage_, call);
    return DealLogic(deals, references_).Get(call, request->id(), out);
  });
}

grpc::Status DealServiceImpl::UpdateDeal(grpc::ServerContext* c, const v1::UpdateDealRequest* request, v1::Deal* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Deals deals(storage_, call);
    return DealLogic(deals, references_).Update(call, *request, out);
  });
}

grpc::Status DealServiceImpl::DeleteDeal(grpc::ServerContext* c, const v1::DeleteDealRequest* request,
                                         v1::DeleteDealResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Deals deals(storage_, call);
    return DealLogic(deals, references_).Delete(call, request->id());
  });
}

grpc::Status DealServiceImpl::GetPipelineTotals(grpc::ServerContext* c, const v1::GetPipelineTotalsRequest* request,
                                                v1::PipelineTotals* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Deals deals(storage_, call);
    return DealLogic(deals, references_).Totals(call, request->id(), out);
  });
}

}  // namespace sentra::core

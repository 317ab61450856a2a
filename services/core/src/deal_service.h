// core's pipelines and deals over gRPC: each RPC builds the call's
// repository and hands the request to PipelineLogic or DealLogic.
#pragma once

#include "auth_references.h"
#include "sentra/core/v1/deals.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class PipelineServiceImpl final : public v1::PipelineService::Service {
 public:
  explicit PipelineServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status ListPipelines(grpc::ServerContext*, const v1::ListPipelinesRequest*,
                             v1::ListPipelinesResponse*) override;
  grpc::Status GetPipeline(grpc::ServerContext*, const v1::GetPipelineRequest*, v1::Pipeline*) override;
  grpc::Status CreatePipeline(grpc::ServerContext*, const v1::CreatePipelineRequest*, v1::Pipeline*) override;
  grpc::Status UpdatePipeline(grpc::ServerContext*, const v1::UpdatePipelineRequest*, v1::Pipeline*) override;
  grpc::Status DeletePipeline(grpc::ServerContext*, const v1::DeletePipelineRequest*,
                              v1::DeletePipelineResponse*) override;

 private:
  const service::Storage& storage_;
};

class DealServiceImpl final : public v1::DealService::Service {
 public:
  DealServiceImpl(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  grpc::Status CreateDeal(grpc::ServerContext*, const v1::CreateDealRequest*, v1::Deal*) override;
  grpc::Status ListDeals(grpc::ServerContext*, const v1::ListDealsRequest*, v1::ListDealsResponse*) override;
  grpc::Status GetDeal(grpc::ServerContext*, const v1::GetDealRequest*, v1::Deal*) override;
  grpc::Status UpdateDeal(grpc::ServerContext*, const v1::UpdateDealRequest*, v1::Deal*) override;
  grpc::Status DeleteDeal(grpc::ServerContext*, const v1::DeleteDealRequest*, v1::DeleteDealResponse*) override;
  grpc::Status GetPipelineTotals(grpc::ServerContext*, const v1::GetPipelineTotalsRequest*,
                                 v1::PipelineTotals*) override;

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

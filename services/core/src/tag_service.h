// core's tag vocabulary over gRPC: each RPC builds the call's repository
// and hands the request to TagLogic.
#pragma once

#include "sentra/core/v1/tags.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class TagServiceImpl final : public v1::TagService::Service {
 public:
  explicit TagServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status CreateTag(grpc::ServerContext*, const v1::CreateTagRequest*, v1::Tag*) override;
  grpc::Status ListTags(grpc::ServerContext*, const v1::ListTagsRequest*, v1::ListTagsResponse*) override;
  grpc::Status GetTag(grpc::ServerContext*, const v1::GetTagRequest*, v1::Tag*) override;
  grpc::Status UpdateTag(grpc::ServerContext*, const v1::UpdateTagRequest*, v1::Tag*) override;
  grpc::Status DeleteTag(grpc::ServerContext*, const v1::DeleteTagRequest*, v1::DeleteTagResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::core

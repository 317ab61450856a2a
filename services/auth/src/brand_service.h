// auth's brands over gRPC: each RPC builds the call's repository and hands
// the request to BrandLogic.
#pragma once

#include "sentra/auth/v1/brands.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::auth {

class BrandServiceImpl final : public v1::BrandService::Service {
 public:
  explicit BrandServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status ListBrands(grpc::ServerContext*, const v1::ListBrandsRequest*, v1::ListBrandsResponse*) override;
  grpc::Status CreateBrand(grpc::ServerContext*, const v1::CreateBrandRequest*, v1::Brand*) override;
  grpc::Status GetBrand(grpc::ServerContext*, const v1::GetBrandRequest*, v1::Brand*) override;
  grpc::Status UpdateBrand(grpc::ServerContext*, const v1::UpdateBrandRequest*, v1::Brand*) override;
  grpc::Status DeleteBrand(grpc::ServerContext*, const v1::DeleteBrandRequest*, v1::DeleteBrandResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::auth

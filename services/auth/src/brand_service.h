// Brands: an organization's workspaces, each with its sender identity and
// an optional white-label domain (unique on the whole platform).
#pragma once

#include "sentra/auth/v1/brands.grpc.pb.h"
#include "sentra/db/pool.h"
#include "sentra/service/call_context.h"

namespace sentra::auth {

class BrandServiceImpl final : public v1::BrandService::Service {
 public:
  explicit BrandServiceImpl(db::Pool& pool) : pool_(pool) {}

  grpc::Status ListBrands(grpc::ServerContext*, const v1::ListBrandsRequest*, v1::ListBrandsResponse*) override;
  grpc::Status CreateBrand(grpc::ServerContext*, const v1::CreateBrandRequest*, v1::Brand*) override;
  grpc::Status GetBrand(grpc::ServerContext*, const v1::GetBrandRequest*, v1::Brand*) override;
  grpc::Status UpdateBrand(grpc::ServerContext*, const v1::UpdateBrandRequest*, v1::Brand*) override;
  grpc::Status DeleteBrand(grpc::ServerContext*, const v1::DeleteBrandRequest*, v1::DeleteBrandResponse*) override;

 private:
  absl::Status DoUpdate(const service::CallContext& call, v1::UpdateBrandRequest req, v1::Brand* out);

  db::Pool& pool_;
};

}  // namespace sentra::auth

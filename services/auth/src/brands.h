// The rules of brands: an organization's workspaces, each with its sender
// identity and an optional white-label domain (unique on the whole
// platform). Changing one needs brands:manage held now, not only in the
// token, and that brand among the caller's. No SQL and no gRPC, so the
// unit tests run it on fakes (tests/brands_test.cc).
#pragma once

#include "brand_queries.h"
#include "sentra/service/repository.h"

namespace sentra::auth {

class BrandLogic {
 public:
  explicit BrandLogic(service::Repository<BrandQueries>& brands) : brands_(brands) {}

  absl::Status Create(const service::CallContext& call, v1::CreateBrandRequest request, v1::Brand* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Brand* out);
  absl::Status List(const service::CallContext& call, const v1::ListBrandsRequest& request,
                    v1::ListBrandsResponse* out);
  absl::Status Update(const service::CallContext& call, v1::UpdateBrandRequest request, v1::Brand* out);
  // Members limited to it lose it from their list.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<BrandQueries>& brands_;
};

}  // namespace sentra::auth

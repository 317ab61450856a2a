#include "brand_service.h"

#include "pg_brand_queries.h"
#include "brands.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::auth {

namespace {

using Brands = service::PgRepository<BrandQueries, PgBrandQueries>;
using service::CallContext;

}  // namespace

grpc::Status BrandServiceImpl::ListBrands(grpc::ServerContext* c, const v1::ListBrandsRequest* request,
                                          v1::ListBrandsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Brands brands(storage_, call);
    return BrandLogic(brands).List(call, *request, out);
  });
}

grpc::Status BrandServiceImpl::CreateBrand(grpc::ServerContext* c, const v1::CreateBrandRequest* request,
                                           v1::Brand* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Brands brands(storage_, call, &write, out);
                                    return BrandLogic(brands).Create(call, *request, out);
                                  });
}

grpc::Status BrandServiceImpl::GetBrand(grpc::ServerContext* c, const v1::GetBrandRequest* request, v1::Brand* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Brands brands(storage_, call);
    return BrandLogic(brands).Get(call, request->id(), out);
  });
}

grpc::Status BrandServiceImpl::UpdateBrand(grpc::ServerContext* c, const v1::UpdateBrandRequest* request,
                                           v1::Brand* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Brands brands(storage_, call);
    return BrandLogic(brands).Update(call, *request, out);
  });
}

grpc::Status BrandServiceImpl::DeleteBrand(grpc::ServerContext* c, const v1::DeleteBrandRequest* request,
                                           v1::DeleteBrandResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Brands brands(storage_, call);
    return BrandLogic(brands).Delete(call, request->id());
  });
}

}  // namespace sentra::auth

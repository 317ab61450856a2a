#include "tag_service.h"

#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"
#include "pg_tag_queries.h"
#include "tags.h"

namespace sentra::core {

namespace {

using Tags = service::PgRepository<TagQueries, PgTagQueries>;
using service::CallContext;

}  // namespace

grpc::Status TagServiceImpl::CreateTag(grpc::ServerContext* c, const v1::CreateTagRequest* request, v1::Tag* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Tags tags(storage_, call, &write, out);
                                    return TagLogic(tags).Create(call, *request, out);
                                  });
}

grpc::Status TagServiceImpl::ListTags(grpc::ServerContext* c, const v1::ListTagsRequest* request,
                                      v1::ListTagsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tags tags(storage_, call);
    return TagLogic(tags).List(call, *request, out);
  });
}

grpc::Status TagServiceImpl::GetTag(grpc::ServerContext* c, const v1::GetTagRequest* request, v1::Tag* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tags tags(storage_, call);
    return TagLogic(tags).Get(call, request->id(), out);
  });
}

grpc::Status TagServiceImpl::UpdateTag(grpc::ServerContext* c, const v1::UpdateTagRequest* request, v1::Tag* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tags tags(storage_, call);
    return TagLogic(tags).Update(call, *request, out);
  });
}

grpc::Status TagServiceImpl::DeleteTag(grpc::ServerContext* c, const v1::DeleteTagRequest* request,
                                       v1::DeleteTagResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tags tags(storage_, call);
    return TagLogic(tags).Delete(call, request->id());
  });
}

}  // namespace sentra::core

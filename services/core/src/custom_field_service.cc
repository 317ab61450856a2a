#include "custom_field_service.h"

#include "pg_custom_field_queries.h"
#include "custom_fields.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Fields = service::PgRepository<CustomFieldQueries, PgCustomFieldQueries>;
using service::CallContext;

}  // namespace

grpc::Status CustomFieldServiceImpl::CreateCustomField(grpc::ServerContext* c,
                                                       const v1::CreateCustomFieldRequest* request,
                                                       v1::CustomField* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Fields fields(storage_, call, &write, out);
                                    return CustomFieldLogic(fields).Create(call, *request, out);
                                  });
}

grpc::Status CustomFieldServiceImpl::ListCustomFields(grpc::ServerContext* c,
                                                      const v1::ListCustomFieldsRequest* request,
                                                      v1::ListCustomFieldsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Fields fields(storage_, call);
    return CustomFieldLogic(fields).List(call, *request, out);
  });
}

grpc::Status CustomFieldServiceImpl::GetCustomField(grpc::ServerContext* c, const v1::GetCustomFieldRequest* request,
                                                    v1::CustomField* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Fields fields(storage_, call);
    return CustomFieldLogic(fields).Get(call, request->id(), out);
  });
}

grpc::Status CustomFieldServiceImpl::UpdateCustomField(grpc::ServerContext* c,
                                                       const v1::UpdateCustomFieldRequest* request,
                                                       v1::CustomField* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Fields fields(storage_, call);
    return CustomFieldLogic(fields).Update(call, *request, out);
  });
}

grpc::Status CustomFieldServiceImpl::DeleteCustomField(grpc::ServerContext* c,
                                                       const v1::DeleteCustomFieldRequest* request,
                                                       v1::DeleteCustomFieldResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Fields fields(storage_, call);
    return CustomFieldLogic(fields).Delete(call, request->id());
  });
}

}  // namespace sentra::core

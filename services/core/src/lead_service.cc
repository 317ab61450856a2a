#include "lead_service.h"

#include "lead_conversion.h"
#include "leads.h"
#include "pg_conversion_queries.h"
#include "pg_lead_queries.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Leads = service::PgRepository<LeadQueries, PgLeadQueries>;
using Conversions = service::PgRepository<ConversionQueries, PgConversionQueries>;
using service::CallContext;

}  // namespace

grpc::Status LeadServiceImpl::CreateLead(grpc::ServerContext* c, const v1::CreateLeadRequest* request, v1::Lead* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Leads leads(storage_, call, &write, out);
                                    return LeadLogic(leads, references_).Create(call, *request, out);
                                  });
}

grpc::Status LeadServiceImpl::GetLead(grpc::ServerContext* c, const v1::GetLeadRequest* request, v1::Lead* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Leads leads(storage_, call);
    return LeadLogic(leads, references_).Get(call, request->id(), out);
  });
}

grpc::Status LeadServiceImpl::ListLeads(grpc::ServerContext* c, const v1::ListLeadsRequest* request,
                                        v1::ListLeadsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Leads leads(storage_, call);
    return LeadLogic(leads, references_).List(call, *request, out);
  });
}

grpc::Status LeadServiceImpl::UpdateLead(grpc::ServerContext* c, const v1::UpdateLeadRequest* request, v1::Lead* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Leads leads(storage_, call);
    return LeadLogic(leads, references_).Update(call, *request, out);
  });
}

grpc::Status LeadServiceImpl::DeleteLead(grpc::ServerContext* c, const v1::DeleteLeadRequest* request,
                                         v1::DeleteLeadResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Leads leads(storage_, call);
    return LeadLogic(leads, references_).Delete(call, request->id());
  });
}

grpc::Status LeadServiceImpl::ConvertLead(grpc::ServerContext* c, const v1::ConvertLeadRequest* request,
                                          v1::ConvertLeadResponse* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Conversions conversions(storage_, call, &write, out);
                                    return LeadConversion(conversions, references_).Convert(call, *request, out);
                                  });
}

}  // namespace sentra::core

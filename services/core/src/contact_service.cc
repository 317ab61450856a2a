#include "contact_service.h"

#include "pg_contact_queries.h"
#include "contacts.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Contacts = service::PgRepository<ContactQueries, PgContactQueries>;
using service::CallContext;

}  // namespace

grpc::Status ContactServiceImpl::CreateContact(grpc::ServerContext* c, const v1::CreateContactRequest* request,
                                               v1::Contact* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Contacts contacts(storage_, call, &write, out);
                                    return ContactLogic(contacts).Create(call, *request, out);
                                  });
}

grpc::Status ContactServiceImpl::ListContacts(grpc::ServerContext* c, const v1::ListContactsRequest* request,
                                              v1::ListContactsResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Contacts contacts(storage_, call);
    return ContactLogic(contacts).List(call, *request, out);
  });
}

grpc::Status ContactServiceImpl::GetContact(grpc::ServerContext* c, const v1::GetContactRequest* request,
                                            v1::Contact* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Contacts contacts(storage_, call);
    return ContactLogic(contacts).Get(call, request->id(), out);
  });
}

grpc::Status ContactServiceImpl::UpdateContact(grpc::ServerContext* c, const v1::UpdateContactRequest* request,
                                               v1::Contact* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Contacts contacts(storage_, call);
    return ContactLogic(contacts).Update(call, *request, out);
  });
}

grpc::Status ContactServiceImpl::DeleteContact(grpc::ServerContext* c, const v1::DeleteContactRequest* request,
                                               v1::DeleteContactResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Contacts contacts(storage_, call);
    return ContactLogic(contacts).Delete(call, request->id());
  });
}

}  // namespace sentra::core

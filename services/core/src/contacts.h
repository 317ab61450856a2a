// The rules of contacts: who they belong to, that a client with contacts
// has exactly one primary, and which event each change emits. No SQL and no
// gRPC, so the unit tests run it on fakes (tests/contacts_test.cc).
#pragma once

#include "contact_queries.h"
#include "sentra/core/v1/contacts.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

// The ContactChanged event of `type` for `contact`, into `events`; `changed`
// names the fields a contact.updated changed.
absl::Status EmitContactChanged(bus::EventSink& events, std::string_view type, const v1::Contact& contact,
                                std::vector<std::string> changed = {});

class ContactLogic {
 public:
  explicit ContactLogic(service::Repository<ContactQueries>& contacts) : contacts_(contacts) {}

  // contact.created. A client's first contact is its primary; naming a new
  // one primary moves the role from the old.
  absl::Status Create(const service::CallContext& call, v1::CreateContactRequest request, v1::Contact* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Contact* out);
  absl::Status List(const service::CallContext& call, const v1::ListContactsRequest& request,
                    v1::ListContactsResponse* out);
  // contact.updated; VERSION_CONFLICT when `version` is not the stored one.
  absl::Status Update(const service::CallContext& call, v1::UpdateContactRequest request, v1::Contact* out);
  // contact.deleted; a deleted primary passes the role to the oldest contact left.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<ContactQueries>& contacts_;
};

}  // namespace sentra::core

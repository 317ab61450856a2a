// core's contacts over gRPC: each RPC builds the call's repository and hands
// the request to ContactLogic.
#pragma once

#include "sentra/core/v1/contacts.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class ContactServiceImpl final : public v1::ContactService::Service {
 public:
  explicit ContactServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status CreateContact(grpc::ServerContext*, const v1::CreateContactRequest*, v1::Contact*) override;
  grpc::Status ListContacts(grpc::ServerContext*, const v1::ListContactsRequest*, v1::ListContactsResponse*) override;
  grpc::Status GetContact(grpc::ServerContext*, const v1::GetContactRequest*, v1::Contact*) override;
  grpc::Status UpdateContact(grpc::ServerContext*, const v1::UpdateContactRequest*, v1::Contact*) override;
  grpc::Status DeleteContact(grpc::ServerContext*, const v1::DeleteContactRequest*,
                             v1::DeleteContactResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::core

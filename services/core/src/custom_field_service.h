// core's custom field definitions over gRPC: each RPC builds the call's
// repository and hands the request to CustomFieldLogic.
#pragma once

#include "sentra/core/v1/custom_fields.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class CustomFieldServiceImpl final : public v1::CustomFieldService::Service {
 public:
  explicit CustomFieldServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status CreateCustomField(grpc::ServerContext*, const v1::CreateCustomFieldRequest*, v1::CustomField*) override;
  grpc::Status ListCustomFields(grpc::ServerContext*, const v1::ListCustomFieldsRequest*,
                                v1::ListCustomFieldsResponse*) override;
  grpc::Status GetCustomField(grpc::ServerContext*, const v1::GetCustomFieldRequest*, v1::CustomField*) override;
  grpc::Status UpdateCustomField(grpc::ServerContext*, const v1::UpdateCustomFieldRequest*, v1::CustomField*) override;
  grpc::Status DeleteCustomField(grpc::ServerContext*, const v1::DeleteCustomFieldRequest*,
                                 v1::DeleteCustomFieldResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::core

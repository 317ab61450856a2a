// The rules of custom field definitions: which keys a record type's
// custom_fields may carry, of which type, required or not. The entity, key
// and type of a definition stay; its label, options and required flag
// change. Every member reads them (forms need them); client-portal members
// do not. No SQL and no gRPC, so the unit tests run it on fakes
// (tests/custom_fields_test.cc).
#pragma once

#include "custom_field_queries.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

class CustomFieldLogic {
 public:
  explicit CustomFieldLogic(service::Repository<CustomFieldQueries>& fields) : fields_(fields) {}

  // custom_field.created.
  absl::Status Create(const service::CallContext& call, v1::CreateCustomFieldRequest request, v1::CustomField* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::CustomField* out);
  absl::Status List(const service::CallContext& call, const v1::ListCustomFieldsRequest& request,
                    v1::ListCustomFieldsResponse* out);
  // custom_field.updated.
  absl::Status Update(const service::CallContext& call, v1::UpdateCustomFieldRequest request, v1::CustomField* out);
  // custom_field.deleted.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<CustomFieldQueries>& fields_;
};

}  // namespace sentra::core

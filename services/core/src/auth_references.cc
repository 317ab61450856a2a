#include "auth_references.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>

#include "sentra/auth/v1/internal.grpc.pb.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/service/metadata.h"

namespace sentra::core {

struct AuthReferences::Stub {
  std::unique_ptr<auth::v1::AuthInternalService::Stub> auth;
};

AuthReferences::AuthReferences(std::shared_ptr<grpc::Channel> auth)
    : stub_(std::make_unique<Stub>(Stub{auth::v1::AuthInternalService::NewStub(std::move(auth))})) {}

AuthReferences::~AuthReferences() = default;

absl::Status AuthReferences::Check(const service::CallContext& call, std::string_view owner_id,
                                   std::string_view brand_id) const {
  const bool check_owner = !owner_id.empty() && owner_id != call.user_id;
  if (!check_owner && brand_id.empty()) return absl::OkStatus();
  auth::v1::CheckReferencesRequest request;
  request.set_org_id(call.org_id);
  if (check_owner) request.add_user_ids(std::string(owner_id));
  if (!brand_id.empty()) request.add_brand_ids(std::string(brand_id));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  service::ToMetadata({.request_id = call.request_id}, context);
  auth::v1::CheckReferencesResponse response;
  const grpc::Status status = stub_->auth->CheckReferences(&context, request, &response);
  if (!status.ok()) {
    return errors::WithCode(absl::UnavailableError("cannot check owner_id and brand_id now; try again"),
                            errors::kUnavailable);
  }
  std::vector<errors::FieldError> problems;
  if (response.unknown_user_ids_size() > 0) {
    problems.push_back({"owner_id", "is not a member of this organization"});
  }
  if (response.unknown_brand_ids_size() > 0) {
    problems.push_back({"brand_id", "is not a brand of this organization"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return absl::OkStatus();
}

absl::Status CheckNewRecord(const ReferenceChecker& references, const service::CallContext& call,
                            std::string_view owner_id, std::string_view brand_id) {
  if (auto s = service::RequireBrand(call, brand_id); !s.ok()) return s;
  return references.Check(call, owner_id, brand_id);
}

absl::Status CheckChangedRecord(const ReferenceChecker& references, const service::CallContext& call,
                                const std::string* owner_id, const std::string* brand_id) {
  if (brand_id != nullptr) {
    if (auto s = service::RequireBrandMove(call, *brand_id); !s.ok()) return s;
  }
  return references.Check(call, owner_id != nullptr ? *owner_id : "", brand_id != nullptr ? *brand_id : "");
}

}  // namespace sentra::core

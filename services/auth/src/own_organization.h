// The rules of an organization's own settings: its name, slug, default
// currency and timezone, changed by a member who holds organization:manage
// now (not only in their token). A change that changes something bumps the
// version and emits organization.updated, which billing follows for its
// currency. No SQL and no gRPC, so the unit tests run it on fakes
// (tests/own_organization_test.cc).
#pragma once

#include "organization_queries.h"
#include "sentra/service/repository.h"

namespace sentra::auth {

class OwnOrganizationLogic {
 public:
  explicit OwnOrganizationLogic(service::Repository<OrganizationQueries>& organization)
      : organization_(organization) {}

  absl::Status Get(const service::CallContext& call, v1::Organization* out);
  absl::Status Update(const service::CallContext& call, v1::UpdateOwnOrganizationRequest request,
                      v1::Organization* out);

 private:
  service::Repository<OrganizationQueries>& organization_;
};

}  // namespace sentra::auth

// The rules of leads: what may be created and changed, by whom, and which
// event each change emits. No SQL and no gRPC, so the unit tests run it on
// fakes (tests/leads_test.cc).
#pragma once

#include "auth_references.h"
#include "lead_queries.h"
#include "sentra/core/v1/leads.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

// The LeadChanged event of `type` for `lead`, into `events`.
absl::Status EmitLeadChanged(bus::EventSink& events, std::string_view type, const v1::Lead& lead,
                             std::vector<std::string> changed = {});

class LeadLogic {
 public:
  LeadLogic(service::Repository<LeadQueries>& leads, const ReferenceChecker& references)
      : leads_(leads), references_(references) {}

  // lead.created; the caller owns it unless it names another member.
  absl::Status Create(const service::CallContext& call, v1::CreateLeadRequest request, v1::Lead* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Lead* out);
  absl::Status List(const service::CallContext& call, const v1::ListLeadsRequest& request, v1::ListLeadsResponse* out);
  // lead.updated, naming the fields the request set; VERSION_CONFLICT when
  // `version` is given and is not the stored one.
  absl::Status Update(const service::CallContext& call, v1::UpdateLeadRequest request, v1::Lead* out);
  // Archives the lead: lead.deleted.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<LeadQueries>& leads_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

#include "client_rules.h"

#include "field_checks.h"
#include "sentra/money/currency.h"
#include "sentra/service/patch_fields.h"
#include "tag_rules.h"
#include "sentra/ids/uuid.h"

namespace sentra::core {

namespace {

using errors::FieldError;

void CheckKind(const std::string& kind, std::vector<FieldError>& problems) {
  if (kind != "company" && kind != "person") problems.push_back({"kind", "must be company or person"});
}

// "" for none, else an ISO 4217 code.
void CheckCurrency(const std::string& currency, std::vector<FieldError>& problems) {
  if (!currency.empty() && !money::FindCurrency(currency)) {
    problems.push_back({"currency", "must be an ISO 4217 currency code, such as EUR, or empty"});
  }
}

}  // namespace

absl::Status NormalizeCreate(v1::CreateClientRequest& r) {
  std::vector<FieldError> problems;
  if (r.kind().empty()) r.set_kind("company");
  CheckKind(r.kind(), problems);
  CheckName(r.mutable_name(), 200, problems);
  CheckEmail(r.mutable_email(), problems);
  CheckText(r.mutable_phone(), "phone", 50, problems);
  CheckText(r.mutable_website(), "website", 500, problems);
  CheckText(r.mutable_notes(), "notes", 10000, problems);
  CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  CheckId(r.mutable_brand_id(), "brand_id", "a brand id", problems);
  CheckTags(r.mutable_tags(), problems);
  CheckCurrency(r.currency(), problems);
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

absl::Status NormalizeUpdate(v1::UpdateClientRequest& r) {
  auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a client id");
  r.set_id(*id);
  std::vector<FieldError> problems;
  if (r.has_kind()) CheckKind(r.kind(), problems);
  if (r.has_name()) CheckName(r.mutable_name(), 200, problems);
  if (r.has_email()) CheckEmail(r.mutable_email(), problems);
  if (r.has_phone()) CheckText(r.mutable_phone(), "phone", 50, problems);
  if (r.has_website()) CheckText(r.mutable_website(), "website", 500, problems);
  if (r.has_notes()) CheckText(r.mutable_notes(), "notes", 10000, problems);
  if (r.has_owner_id()) CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  if (r.has_brand_id()) CheckId(r.mutable_brand_id(), "brand_id", "a brand id", problems);
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (service::BodyHas(r, "tags")) CheckTags(r.mutable_tags(), problems);
  if (r.has_currency()) CheckCurrency(r.currency(), problems);
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

absl::Status CheckListFilters(const v1::ListClientsRequest& r) {
  std::vector<FieldError> problems;
  if (!r.kind().empty()) CheckKind(r.kind(), problems);
  if (!r.brand_id().empty() && !ids::IsUuid(r.brand_id())) problems.push_back({"brand_id", "must be a brand id"});
  if (!r.owner_id().empty() && !ids::IsUuid(r.owner_id())) problems.push_back({"owner_id", "must be a user id"});
  if (r.q().size() > 200) problems.push_back({"q", "is too long (max 200)"});
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

}  // namespace sentra::core

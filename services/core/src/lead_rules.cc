#include "lead_rules.h"

#include <array>

#include "field_checks.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/patch_fields.h"
#include "sentra/text/validation.h"
#include "tag_rules.h"

namespace sentra::core {

namespace {

using errors::FieldError;

constexpr std::array<std::string_view, 7> kSources = {"website", "manual", "referral", "broker",
                                                      "event",   "import", "other"};
constexpr std::array<std::string_view, 5> kStatuses = {"new", "contacted", "qualified", "unqualified",
                                                       "converted"};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, const std::string& value) {
  for (auto a : allowed) {
    if (a == value) return true;
  }
  return false;
}

void CheckEnum(std::string* value, std::string_view field, bool is_source, std::vector<FieldError>& problems) {
  const bool ok = is_source ? OneOf(kSources, *value) : OneOf(kStatuses, *value);
  if (!ok) {
    problems.push_back({std::string(field), is_source
        ? "must be one of website, manual, referral, broker, event, import, other"
        : "must be one of new, contacted, qualified, unqualified, converted"});
  }
}

// "converted" is what POST /v1/leads/{id}/convert makes a lead, with the
// client it became; nobody writes it by hand.
void CheckNotConverted(const std::string& status, std::vector<FieldError>& problems) {
  if (status == "converted") problems.push_back({"status", "is set by converting the lead (POST /v1/leads/{id}/convert)"});
}

void CheckScore(int score, std::vector<FieldError>& problems) {
  if (score < 0 || score > 100) problems.push_back({"score", "must be from 0 to 100"});
}

}  // namespace

absl::Status NormalizeCreate(v1::CreateLeadRequest& r) {
  std::vector<FieldError> problems;
  if (!text::IsValidName(r.name(), 200)) problems.push_back({"name", "is required (1-200 characters)"});
  else r.set_name(text::Trim(r.name()));
  CheckEmail(r.mutable_email(), problems);
  CheckText(r.mutable_phone(), "phone", 50, problems);
  CheckText(r.mutable_company(), "company", 200, problems);
  CheckText(r.mutable_notes(), "notes", 10000, problems);
  if (r.source().empty()) r.set_source("manual");
  CheckEnum(r.mutable_source(), "source", true, problems);
  if (r.status().empty()) r.set_status("new");
  CheckEnum(r.mutable_status(), "status", false, problems);
  CheckNotConverted(r.status(), problems);
  CheckScore(r.score(), problems);
  CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  CheckId(r.mutable_brand_id(), "brand_id", "a brand id", problems);
  CheckTags(r.mutable_tags(), problems);
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

absl::Status NormalizeUpdate(v1::UpdateLeadRequest& r) {
  std::vector<FieldError> problems;
  if (!ids::IsUuid(r.id())) return errors::Validation("id", "must be a lead id");
  r.set_id(*ids::NormalizeUuid(r.id()));
  if (r.has_name()) {
    if (!text::IsValidName(r.name(), 200)) problems.push_back({"name", "must be 1-200 characters"});
    else r.set_name(text::Trim(r.name()));
  }
  if (r.has_email()) CheckEmail(r.mutable_email(), problems);
  if (r.has_phone()) CheckText(r.mutable_phone(), "phone", 50, problems);
  if (r.has_company()) CheckText(r.mutable_company(), "company", 200, problems);
  if (r.has_notes()) CheckText(r.mutable_notes(), "notes", 10000, problems);
  if (r.has_source()) CheckEnum(r.mutable_source(), "source", true, problems);
  if (r.has_status()) {
    CheckEnum(r.mutable_status(), "status", false, problems);
    CheckNotConverted(r.status(), problems);
  }
  if (r.has_score()) CheckScore(r.score(), problems);
  if (r.has_owner_id()) CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  if (r.has_brand_id()) CheckId(r.mutable_brand_id(), "brand_id", "a brand id", problems);
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (service::BodyHas(r, "tags")) {
    CheckTags(r.mutable_tags(), problems);
  }
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

absl::StatusOr<ListQuery> ParseListRequest(const v1::ListLeadsRequest& r) {
  ListQuery q;
  auto order = service::ParseSortedPage(kLeadList, "name", r);
  if (!order.ok()) return order.status();
  q.order = *std::move(order);
  std::vector<FieldError> problems;
  if (!r.status().empty() && !OneOf(kStatuses, r.status())) problems.push_back({"status", "is not a lead status"});
  if (!r.source().empty() && !OneOf(kSources, r.source())) problems.push_back({"source", "is not a lead source"});
  if (!r.owner_id().empty()) {
    auto owner = ids::NormalizeUuid(r.owner_id());
    if (owner) q.owner_id = *owner;
    else problems.push_back({"owner_id", "must be a user id"});
  }
  if (!r.brand_id().empty()) {
    auto brand = ids::NormalizeUuid(r.brand_id());
    if (brand) q.brand_id = *brand;
    else problems.push_back({"brand_id", "must be a brand id"});
  }
  if (r.q().size() > 200) problems.push_back({"q", "is too long (max 200)"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return q;
}

}  // namespace sentra::core

#include "own_organization.h"

#include <algorithm>

#include "organization_slug.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/money/currency.h"
#include "sentra/text/validation.h"
#include "sentra/service/versioned_write.h"

namespace sentra::auth {

namespace {

using errors::FieldError;

// An IANA zone name's shape (Area/Location, Etc/GMT+5, UTC); whether the
// zone exists is the database's to say (KnownTimezone).
bool LooksLikeTimezone(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '+' || c == '-';
  });
}

void CheckRequest(v1::UpdateOwnOrganizationRequest& r, std::vector<FieldError>& problems) {
  if (r.has_name()) {
    r.set_name(text::Trim(r.name()));
    if (!text::IsValidName(r.name(), 200)) {
      problems.push_back({"name", "is required: 1-200 characters on one line, without control characters"});
    }
  }
  if (r.has_slug()) {
    if (auto problem = OrganizationSlugProblem(r.slug())) problems.push_back({"slug", *std::move(problem)});
  }
  if (r.has_default_currency() && !money::FindCurrency(r.default_currency())) {
    problems.push_back({"default_currency", "must be an ISO 4217 currency code such as USD or EUR"});
  }
  if (r.has_timezone() && !LooksLikeTimezone(r.timezone())) {
    problems.push_back({"timezone", "must be a time zone name such as Europe/Berlin"});
  }
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
}

// The fields `change` sets to something other than what `now` has.
std::vector<std::string> ChangedFields(const v1::Organization& now, const v1::UpdateOwnOrganizationRequest& change) {
  std::vector<std::string> changed;
  if (change.has_name() && change.name() != now.name()) changed.emplace_back("name");
  if (change.has_slug() && change.slug() != now.slug()) changed.emplace_back("slug");
  if (change.has_default_currency() && change.default_currency() != now.default_currency()) {
    changed.emplace_back("default_currency");
  }
  if (change.has_timezone() && change.timezone() != now.timezone()) changed.emplace_back("timezone");
  return changed;
}

events::v1::OrganizationUpdated UpdatedEvent(const v1::Organization& org, const std::vector<std::string>& changed) {
  events::v1::OrganizationUpdated event;
  event.set_org_id(org.id());
  event.set_name(org.name());
  event.set_slug(org.slug());
  event.set_default_currency(org.default_currency());
  event.set_timezone(org.timezone());
  event.set_version(org.version());
  for (const auto& field : changed) event.add_changed_fields(field);
  return event;
}

}  // namespace

absl::Status OwnOrganizationLogic::Get(const service::CallContext&, v1::Organization* out) {
  return organization_.Read([&](OrganizationQueries& organization) -> absl::Status {
    auto found = organization.Find();
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("organization");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status OwnOrganizationLogic::Update(const service::CallContext& call, v1::UpdateOwnOrganizationRequest r,
                                          v1::Organization* out) {
  std::vector<FieldError> problems;
  CheckRequest(r, problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return organization_.Write([&](OrganizationQueries& organization, bus::EventSink& events) -> absl::Status {
    // The name, slug and currency are the whole organization's: only a
    // member who may manage it today changes them.
    if (auto caller = organization.CallerGrant(call, "organization:manage"); !caller.ok()) return caller.status();
    if (r.has_timezone()) {
      auto known = organization.KnownTimezone(r.timezone());
      if (!known.ok()) return known.status();
      if (!*known) {
        return errors::Validation("timezone", "is not a time zone this server knows (an IANA name such as Europe/Berlin)");
      }
      r.set_timezone(**known);
    }
    auto current = service::AtVersion(organization.Lock(), "organization", service::RequestedVersion(r), [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    const std::vector<std::string> changed = ChangedFields(*current, r);
    if (changed.empty()) {  // nothing to say to anyone: no new version, no event
      *out = *std::move(current);
      return absl::OkStatus();
    }
    auto updated = organization.Update(r);
    if (!updated.ok()) {
      // The slug is the one unique value a change can collide on.
      if (updated.status().code() == absl::StatusCode::kAlreadyExists) {
        return errors::Conflict("slug", "is already taken");
      }
      return updated.status();
    }
    if (auto s = events.Emit("organization.updated", "organization", updated->id(), UpdatedEvent(*updated, changed));
        !s.ok()) {
      return s;
    }
    *out = *std::move(updated);
    return absl::OkStatus();
  });
}

}  // namespace sentra::auth

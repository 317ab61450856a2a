#include "members.h"

#include <algorithm>
#include <optional>

#include "fmt/format.h"
#include "roles.h"
#include "scoped_token.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/comma_list.h"
#include "sentra/text/validation.h"
#include "sentra/service/versioned_write.h"

namespace sentra::auth {

namespace {

using errors::FieldError;

constexpr std::string_view kList = "users";

// Normalizes brand ids in place, each once; problems name the field.
void CheckBrandAccess(v1::BrandAccess* access, std::vector<FieldError>& problems) {
  if (access->all()) {
    if (access->brand_ids_size() > 0) problems.push_back({"brand_access", "is either all or a list of brands"});
    return;
  }
  if (access->brand_ids_size() > 100) problems.push_back({"brand_access.brand_ids", "has too many brands (max 100)"});
  for (auto& id : *access->mutable_brand_ids()) {
    auto normal = ids::NormalizeUuid(id);
    if (!normal) {
      problems.push_back({"brand_access.brand_ids", "must be brand ids"});
      return;
    }
    id = *normal;
  }
  auto* list = access->mutable_brand_ids();
  std::sort(list->begin(), list->end());
  list->erase(std::unique(list->begin(), list->end()), list->end());
}

// `access` (checked by CheckBrandAccess) names only brands of this organization.
absl::Status BrandsExist(MemberQueries& members, const v1::BrandAccess& access) {
  if (access.all() || access.brand_ids_size() == 0) return absl::OkStatus();
  const std::vector<std::string> wanted(access.brand_ids().begin(), access.brand_ids().end());
  auto found = members.CountBrands(wanted);
  if (!found.ok()) return found.status();
  if (*found != static_cast<std::int64_t>(wanted.size())) {
    return errors::Validation("brand_access.brand_ids", "names a brand that does not exist");
  }
  return absl::OkStatus();
}

// A role the caller may hand out: it exists, and holds nothing the caller
// does not.
absl::Status GrantableRole(MemberQueries& members, const Grant& caller, const std::string& role) {
  auto permissions = members.RolePermissions(role);
  if (!permissions.ok()) return permissions.status();
  if (!IsSystemRole(role) && permissions->empty()) return errors::Validation("role", "is not a role here");
  if (!IsSubset(*permissions, caller.permissions)) {
    return errors::WithCode(absl::PermissionDeniedError("that role holds permissions you do not have"),
                            errors::kForbidden);
  }
  return absl::OkStatus();
}

// Brand access may be given only within the giver's own, to themselves as
// to anyone.
absl::Status GivableBrands(const Grant& caller, const v1::BrandAccess& access) {
  const std::vector<std::string> ids(access.brand_ids().begin(), access.brand_ids().end());
  if (BrandsWithin(access.all(), ids, caller.brand_access)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("brand_access: you can give access only to brands you have"),
                          errors::kForbidden, {{"brand_access", "reaches brands you do not have"}});
}

// A client-portal member's client is one the inviter may see now (else it
// reads as unknown), and one the member's own brand access shows them, or
// their portal would be empty.
absl::Status ClientWithinBrands(const std::string& client_brand, const Grant& caller, const v1::BrandAccess& access) {
  if (client_brand.empty()) return absl::OkStatus();  // a client of no brand: everyone's to see
  if (!BrandsWithin(false, {client_brand}, caller.brand_access)) return UnknownClient();
  const auto& shown = access.brand_ids();
  if (!access.all() && std::find(shown.begin(), shown.end(), client_brand) == shown.end()) {
    return errors::Validation("brand_access", "must include the brand of the member's client");
  }
  return absl::OkStatus();
}

// Only someone who holds every brand a member has may change that member.
absl::Status ReachesMember(const Grant& caller, std::string_view member_brands) {
  if (BrandsWithin(member_brands == "*", text::SplitList(member_brands), caller.brand_access)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("that member has brands you do not have"), errors::kForbidden);
}

absl::Status KeepAnOwner(MemberQueries& members, std::string_view leaving) {
  auto owners = members.LockActiveOwners();
  if (!owners.ok()) return owners.status();
  if (std::any_of(owners->begin(), owners->end(), [&](const std::string& id) { return id != leaving; })) {
    return absl::OkStatus();
  }
  return errors::Conflict("role", "the organization must keep at least one active owner");
}

absl::Status Found(absl::StatusOr<std::optional<v1::Member>> found, v1::Member* out) {
  if (!found.ok()) return found.status();
  if (!*found) return errors::NotFound("user");
  *out = **std::move(found);
  return absl::OkStatus();
}

absl::Status CheckInvite(v1::InviteUserRequest& r, std::string* email) {
  std::vector<FieldError> problems;
  auto normal = text::NormalizeEmail(r.email());
  if (normal) *email = *normal;
  else problems.push_back({"email", "must be an e-mail address"});
  r.set_name(text::Trim(r.name()));
  if (!text::IsValidName(r.name(), 200)) problems.push_back({"name", "is required (1-200 characters)"});
  if (r.role().empty() || r.role().size() > 64) problems.push_back({"role", "is required"});
  if (r.has_brand_access()) CheckBrandAccess(r.mutable_brand_access(), problems);
  if (r.role() == "client") {
    auto client = ids::NormalizeUuid(r.client_id());
    if (!client) problems.push_back({"client_id", "is required for the client role: the client's id"});
    else r.set_client_id(*client);
  } else if (!r.client_id().empty()) {
    problems.push_back({"client_id", "is only for the client role"});
  }
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

absl::Status CheckUpdate(v1::UpdateUserRequest& r) {
  auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a user id");
  r.set_id(*id);
  std::vector<FieldError> problems;
  if (r.has_name()) {
    r.set_name(text::Trim(r.name()));
    if (!text::IsValidName(r.name(), 200)) problems.push_back({"name", "must be 1-200 characters"});
  }
  if (r.has_role() && (r.role().empty() || r.role().size() > 64)) problems.push_back({"role", "must be a role"});
  if (r.has_role() && r.role() == "client") problems.push_back({"role", "client-portal members are invited as such"});
  if (r.has_brand_access()) CheckBrandAccess(r.mutable_brand_access(), problems);
  if (r.has_status() && r.status() != "active" && r.status() != "deactivated") {
    problems.push_back({"status", "must be active or deactivated"});
  }
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

}  // namespace

absl::Status MemberLogic::List(const service::CallContext&, const v1::ListUsersRequest& request,
                               v1::ListUsersResponse* out) {
  auto page = service::ParseIdPage(kList, request);
  if (!page.ok()) return page.status();
  std::vector<FieldError> problems;
  const std::string& status = request.status();
  if (!status.empty() && status != "invited" && status != "active" && status != "deactivated") {
    problems.push_back({"status", "must be invited, active or deactivated"});
  }
  if (request.role().size() > 64) problems.push_back({"role", "is too long"});
  if (request.q().size() > 200) problems.push_back({"q", "is too long (max 200)"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  const MemberFilter filter{
      .status = status, .role = request.role(), .pattern = text::ContainsPattern(request.q()), .page = *page};
  return members_.Read([&](MemberQueries& members) {
    out->Clear();
    auto more = members.List(filter, out);
    if (!more.ok()) return more.status();
    service::FinishIdPage(filter.page, kList, *more, out);
    return absl::OkStatus();
  });
}

absl::Status MemberLogic::Get(const service::CallContext&, std::string_view id, v1::Member* out) {
  auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a user id");
  return members_.Read([&](MemberQueries& members) { return Found(members.Find(*canonical), out); });
}

absl::Status MemberLogic::Invite(const service::CallContext& call, v1::InviteUserRequest r, v1::Member* out) {
  std::string email;
  if (auto s = CheckInvite(r, &email); !s.ok()) return s;
  // Asked before the transaction: it is a call to core.
  std::string client_brand;
  if (r.role() == "client") {
    auto brand = clients_.ClientBrand(call, r.client_id());
    if (!brand.ok()) return brand.status();
    client_brand = *std::move(brand);
  }
  const bool brands_given = r.has_brand_access();
  return members_.Write([&](MemberQueries& members, bus::EventSink& events) -> absl::Status {
    auto caller = members.CallerGrant(call, "users:manage");
    if (!caller.ok()) return caller.status();
    Invitee invitee{.email = email, .name = r.name(), .role = r.role(), .brand_access = r.brand_access(),
                    .client_id = r.client_id()};
    if (!brands_given) {
      // Unless told otherwise, the new member sees what the inviter sees.
      invitee.brand_access.set_all(caller->brand_access == "*");
      if (caller->brand_access != "*") {
        for (auto& id : text::SplitList(caller->brand_access)) invitee.brand_access.add_brand_ids(std::move(id));
      }
    }
    if (auto s = GrantableRole(members, *caller, r.role()); !s.ok()) return s;
    if (r.role() == "client") {
      if (auto s = ClientWithinBrands(client_brand, *caller, invitee.brand_access); !s.ok()) return s;
    }
    if (auto s = GivableBrands(*caller, invitee.brand_access); !s.ok()) return s;
    if (auto s = BrandsExist(members, invitee.brand_access); !s.ok()) return s;
    auto sent = members.LockAndCountInvitationsToday();
    if (!sent.ok()) return sent.status();
    if (*sent >= invitations_per_day_) {
      return errors::WithCode(absl::ResourceExhaustedError(fmt::format(
                                  "this organization has sent its {} invitations for today; try again tomorrow",
                                  invitations_per_day_)),
                              errors::kRateLimited);
    }
    auto user_id = members.AddInvitedMember(invitee);
    if (user_id.status().code() == absl::StatusCode::kAlreadyExists) {
      return errors::Conflict("email", "is already a member of this organization");
    }
    if (!user_id.ok()) return user_id.status();

    const std::string token = NewScopedToken(call.org_id);
    auto expires = members.AddInvitation(*user_id, HashToken(token), call.user_id);
    if (!expires.ok()) return expires.status();
    auto organization = members.OrganizationName();
    if (!organization.ok()) return organization.status();
    auto inviter = members.Find(call.user_id);
    if (!inviter.ok()) return inviter.status();
    events::v1::AccountEmailRequested event;
    event.set_user_id(*user_id);
    event.set_email(email);
    event.set_name(invitee.name);
    event.set_token(token);
    event.set_expires_at_unix(*expires);
    event.set_organization_name(*organization);
    event.set_invited_by_name(*inviter ? (*inviter)->name() : "");
    event.set_role(r.role());
    if (auto s = events.Emit("user.invited", "user", *user_id, event); !s.ok()) return s;
    return Found(members.Find(*user_id), out);
  });
}

absl::Status MemberLogic::Update(const service::CallContext& call, v1::UpdateUserRequest r, v1::Member* out) {
  if (auto s = CheckUpdate(r); !s.ok()) return s;
  const std::string& id = r.id();
  // New brands for a client-portal member must show them their client:
  // which brand that is, core says, before the transaction.
  std::optional<std::string> client_brand;
  if (r.has_brand_access()) {
    v1::Member found;
    if (auto s = members_.Read([&](MemberQueries& members) { return Found(members.Find(id), &found); }); !s.ok()) {
      return s;
    }
    if (found.role() == "client") {
      auto brand = clients_.ClientBrand(call, found.client_id());
      // A client archived since: nothing to show them, whatever their brands.
      if (!brand.ok() && errors::AppCode(brand.status()) != errors::kValidationError) return brand.status();
      client_brand = brand.ok() ? *std::move(brand) : std::string();
    }
  }
  return members_.Write([&](MemberQueries& members, bus::EventSink& events) -> absl::Status {
    auto caller = members.CallerGrant(call, "users:manage");
    if (!caller.ok()) return caller.status();
    auto current = service::AtVersion(members.Lock(id), "user", service::RequestedVersion(r),
                                      [](const LockedMember& m) { return m.version; });
    if (!current.ok()) return current.status();
    const LockedMember& member = *current;
    // Only someone who could grant a member's role, and holds every brand
    // the member has, may change that member.
    if (auto s = GrantableRole(members, *caller, member.role); !s.ok()) return s;
    if (auto s = ReachesMember(*caller, member.brand_access); !s.ok()) return s;
    if (member.role == "client" && r.has_role()) {
      return errors::Validation("role", "a client-portal member keeps that role");
    }
    if (member.role == "client" && r.has_brand_access()) {
      // Read before the transaction as a client member; if the role were
      // different now, the brand was never asked for.
      if (!client_brand) return errors::Conflict("role", "the member changed meanwhile; try again");
      if (auto s = ClientWithinBrands(*client_brand, *caller, r.brand_access()); !s.ok()) return s;
    }
    if (r.has_role() && r.role() != member.role) {
      if (auto s = GrantableRole(members, *caller, r.role()); !s.ok()) return s;
    }
    if (r.has_brand_access()) {
      if (auto s = GivableBrands(*caller, r.brand_access()); !s.ok()) return s;
      if (auto s = BrandsExist(members, r.brand_access()); !s.ok()) return s;
    }
    const bool deactivating = r.has_status() && r.status() == "deactivated" && member.status != "deactivated";
    const bool demoting = r.has_role() && r.role() != "owner";
    if (member.role == "owner" && member.status == "active" && (deactivating || demoting)) {
      if (auto s = KeepAnOwner(members, id); !s.ok()) return s;
    }
    if (r.has_status() && r.status() == "active" && member.status == "invited") {
      return errors::Validation("status", "an invited member becomes active by accepting the invitation");
    }
    if (auto s = members.Update(id, r); !s.ok()) return s;
    if (deactivating) {
      // Their refresh tokens stop now; their access tokens at expiry.
      if (auto s = members.EndSessions(id); !s.ok()) return s;
      events::v1::UserDeactivated event;
      event.set_user_id(id);
      if (auto s = events.Emit("user.deactivated", "user", id, event); !s.ok()) return s;
    }
    return Found(members.Find(id), out);
  });
}

}  // namespace sentra::auth

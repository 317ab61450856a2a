// An organization's members in maps, for MemberLogic's unit tests: what the
// Postgres queries do, minus SQL.
#pragma once

#include <algorithm>
#include <map>
#include <set>

#include "src/member_queries.h"
#include "src/roles.h"
#include "sentra/errors/errors.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth::testing {

struct FakeMember {
  v1::Member member;  // role, status, brand_access and version as stored
};

class FakeMemberQueries final : public MemberQueries {
 public:
  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override {
    auto it = members.find(call.user_id);
    if (it == members.end() || it->second.member.status() != "active") {
      return absl::UnauthenticatedError("no longer a member");
    }
    const v1::Member& m = it->second.member;
    Grant grant{.role = m.role(), .permissions = PermissionsFor(m.role()), .brand_access = BrandText(m)};
    if (std::find(grant.permissions.begin(), grant.permissions.end(), permission) == grant.permissions.end()) {
      return absl::PermissionDeniedError("no longer holds it");
    }
    return grant;
  }

  absl::StatusOr<std::vector<std::string>> RolePermissions(std::string_view role) override {
    return PermissionsFor(role);
  }

  absl::StatusOr<std::int64_t> CountBrands(const std::vector<std::string>& ids) override {
    return std::count_if(ids.begin(), ids.end(), [&](const std::string& id) { return brands.contains(id); });
  }

  absl::StatusOr<bool> List(const MemberFilter& f, v1::ListUsersResponse* out) override {
    for (auto it = members.upper_bound(f.page.after_id); it != members.end(); ++it) {
      if (out->data_size() == f.page.limit + 1) break;
      if (!f.status.empty() && it->second.member.status() != f.status) continue;
      if (!f.role.empty() && it->second.member.role() != f.role) continue;
      *out->add_data() = it->second.member;
    }
    return false;  // no byte budget here: the extra item tells
  }

  absl::StatusOr<std::optional<v1::Member>> Find(std::string_view user_id) override {
    auto it = members.find(std::string(user_id));
    if (it == members.end()) return std::nullopt;
    return it->second.member;
  }

  absl::StatusOr<std::optional<LockedMember>> Lock(std::string_view user_id) override {
    auto it = members.find(std::string(user_id));
    if (it == members.end()) return std::nullopt;
    const v1::Member& m = it->second.member;
    return LockedMember{.role = m.role(), .status = m.status(), .version = m.version(), .brand_access = BrandText(m)};
  }

  absl::StatusOr<std::vector<std::string>> LockActiveOwners() override {
    std::vector<std::string> owners;
    for (const auto& [id, m] : members) {
      if (m.member.role() == "owner" && m.member.status() == "active") owners.push_back(id);
    }
    return owners;
  }

  absl::Status Update(std::string_view user_id, const v1::UpdateUserRequest& c) override {
    v1::Member& m = members.at(std::string(user_id)).member;
    if (c.has_name()) m.set_name(c.name());
    if (c.has_role()) m.set_role(c.role());
    if (c.has_brand_access()) *m.mutable_brand_access() = c.brand_access();
    if (c.has_status()) m.set_status(c.status());
    m.set_version(m.version() + 1);
    return absl::OkStatus();
  }

  absl::Status EndSessions(std::string_view user_id) override {
    ended_sessions.insert(std::string(user_id));
    return absl::OkStatus();
  }

  absl::StatusOr<std::int64_t> LockAndCountInvitationsToday() override { return invitations_today; }

  absl::StatusOr<std::string> AddInvitedMember(const Invitee& who) override {
    for (const auto& [id, m] : members) {
      if (m.member.email() == who.email) return absl::AlreadyExistsError("already a member");
    }
    const std::string id = "0190f1c2-3b4a-7def-8123-" + std::to_string(100000000000 + members.size());
    v1::Member& m = members[id].member;
    m.set_id(id);
    m.set_email(who.email);
    m.set_name(who.name);
    m.set_role(who.role);
    m.set_status("invited");
    *m.mutable_brand_access() = who.brand_access;
    m.set_client_id(who.client_id);
    m.set_version(1);
    return id;
  }

  absl::StatusOr<std::int64_t> AddInvitation(std::string_view, std::string_view, std::string_view) override {
    ++invitations_today;
    return 1'900'000'000;
  }

  absl::StatusOr<std::string> OrganizationName() override { return std::string("Acme"); }

  // Adds an active member.
  void Add(const std::string& id, const std::string& role, const std::string& brands = "*") {
    v1::Member& m = members[id].member;
    m.set_id(id);
    m.set_email(id + "@example.com");
    m.set_name("Member " + id.substr(id.size() - 2));
    m.set_role(role);
    m.set_status("active");
    m.mutable_brand_access()->set_all(brands == "*");
    if (brands != "*") {
      for (auto& b : text::SplitList(brands)) m.mutable_brand_access()->add_brand_ids(std::move(b));
    }
    m.set_version(1);
  }

  std::map<std::string, FakeMember> members;  // by user id
  std::set<std::string> brands;
  std::set<std::string> ended_sessions;
  std::int64_t invitations_today = 0;

 private:
  static std::string BrandText(const v1::Member& m) {
    return m.brand_access().all() ? "*" : text::JoinList(m.brand_access().brand_ids());
  }
};

}  // namespace sentra::auth::testing

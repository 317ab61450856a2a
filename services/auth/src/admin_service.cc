#include "admin_service.h"

#include "organization_row.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/paging.h"
#include "sentra/service/serve.h"
#include "sentra/text/validation.h"

namespace sentra::auth {

namespace {

// organizations is platform data (no RLS): these run for superadmins only,
// as the access guard enforces from the proto declaration.
constexpr db::Query kListOrgs{
    "auth.admin_list_orgs",
    "SELECT " SENTRA_ORGANIZATION_COLUMNS " FROM organizations o "
    "WHERE (NULLIF($1, '') IS NULL OR o.id > NULLIF($1, '')::uuid) AND ($2 = '' OR o.status = $2) "
    "AND ($3 = '' OR o.name ILIKE $3 OR o.slug ILIKE $3) ORDER BY o.id LIMIT $4"};
constexpr db::Query kGetOrg{"auth.admin_get_org",
                            "SELECT " SENTRA_ORGANIZATION_COLUMNS " FROM organizations o WHERE o.id = $1"};
constexpr db::Query kStillSuperadmin{
    "auth.still_superadmin", "SELECT 1 FROM users WHERE id = $1 AND is_superadmin AND status = 'active'"};
constexpr db::Query kLockOrg{"auth.admin_lock_org", "SELECT status FROM organizations WHERE id = $1 FOR UPDATE"};
constexpr db::Query kSetOrgStatus{
    "auth.admin_set_org_status",
    "UPDATE organizations o SET status = $2, version = o.version + (o.status <> $2)::int, "
    "updated_at = CASE WHEN o.status <> $2 THEN now() ELSE o.updated_at END "
    "WHERE o.id = $1 RETURNING " SENTRA_ORGANIZATION_COLUMNS};

void ReadOrganizationRow(const db::Result& r, int row, v1::Organization* org) { ReadOrganization(r, row, 0, org); }

std::string EventFor(const std::string& status) {
  if (status == "suspended") return "organization.suspended";
  if (status == "archived") return "organization.archived";
  return "organization.reactivated";
}


}  // namespace

grpc::Status AdminServiceImpl::ListOrganizations(grpc::ServerContext* c, const v1::ListOrganizationsRequest* req,
                                                 v1::ListOrganizationsResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext&) {
    auto page = service::ParseIdPage("organizations", *req);
    if (!page.ok()) return page.status();
    const std::string& status = req->status();
    if (!status.empty() && status != "active" && status != "suspended" && status != "archived") {
      return errors::Validation("status", "must be active, suspended or archived");
    }
    if (req->q().size() > 200) return errors::Validation("q", "is too long (max 200)");
    return db::InTransaction(pool_, {.read_only = true}, [&](db::Transaction& tx) {
      out->Clear();
      auto r = tx.Execute(kListOrgs, page->after_id, status, text::ContainsPattern(req->q()), page->limit + 1);
      if (!r.ok()) return r.status();
      service::FillIdPage(*r, *page, "organizations", out, ReadOrganizationRow);
      return absl::OkStatus();
    });
  });
}

grpc::Status AdminServiceImpl::GetOrganization(grpc::ServerContext* c, const v1::GetOrganizationRequest* req,
                                               v1::Organization* out) {
  return service::ServeTenant(c, [&](const service::CallContext&) {
    auto id = ids::NormalizeUuid(req->id());
    if (!id) return errors::Validation("id", "must be an organization id");
    return db::InTransaction(pool_, {.read_only = true}, [&](db::Transaction& tx) {
      auto r = tx.Execute(kGetOrg, *id);
      if (!r.ok()) return r.status();
      if (r->rows() == 0) return errors::NotFound("organization");
      ReadOrganizationRow(*r, 0, out);
      return absl::OkStatus();
    });
  });
}

grpc::Status AdminServiceImpl::UpdateOrganizationStatus(grpc::ServerContext* c,
                                                        const v1::UpdateOrganizationStatusRequest* req,
                                                        v1::Organization* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    auto id = ids::NormalizeUuid(req->id());
    if (!id) return errors::Validation("id", "must be an organization id");
    const std::string& status = req->status();
    if (status != "active" && status != "suspended" && status != "archived") {
      return errors::Validation("status", "must be active, suspended or archived");
    }
    // The event belongs to the organization it is about.
    return db::InTransaction(pool_, {.org_id = *id}, [&](db::Transaction& tx) {
      // Still a superadmin now, not only when the token was issued: a
      // reactivation brings back every credential of the organization.
      auto admin = tx.Execute(kStillSuperadmin, call.user_id);
      if (!admin.ok()) return admin.status();
      if (admin->rows() == 0) {
        return errors::WithCode(absl::PermissionDeniedError("you are no longer a platform superadmin"),
                                errors::kForbidden);
      }
      auto current = tx.Execute(kLockOrg, *id);
      if (!current.ok()) return current.status();
      if (current->rows() == 0) return errors::NotFound("organization");
      const std::string previous = current->String(0, 0);
      auto r = tx.Execute(kSetOrgStatus, *id, status);
      if (!r.ok()) return r.status();
      ReadOrganizationRow(*r, 0, out);
      if (previous == status) return absl::OkStatus();
      events::v1::OrganizationStatusChanged event;
      event.set_org_id(*id);
      event.set_status(status);
      event.set_previous_status(previous);
      return outbox_.Append(tx, EventFor(status), "organization", *id, event, {call.actor(), call.request_id})
          .status();
    });
  });
}

}  // namespace sentra::auth

// AuthInternalService.CheckReferences: which ids another service's record
// would refer to are not members or brands of the organization.
#include "internal_service.h"
#include "grant.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/serve.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

// $1: comma-separated ids, checked as UUIDs before they get here.
constexpr db::Query kUnknownMembers{
    "auth.unknown_members",
    "SELECT u::text FROM unnest(string_to_array($1, ',')::uuid[]) AS u WHERE NOT EXISTS "
    "(SELECT 1 FROM memberships m WHERE m.org_id = current_org() AND m.user_id = u "
    "AND m.status <> 'deactivated')"};
constexpr db::Query kUnknownBrands{
    "auth.unknown_brands",
    "SELECT u::text FROM unnest(string_to_array($1, ',')::uuid[]) AS u WHERE NOT EXISTS "
    "(SELECT 1 FROM brands b WHERE b.org_id = current_org() AND b.id = u)"};

constexpr int kMaxIds = 1000;

// The ids in canonical form; false when one is not an id.
bool Canonical(const google::protobuf::RepeatedPtrField<std::string>& raw, std::vector<std::string>& out) {
  for (const auto& id : raw) {
    auto normal = ids::NormalizeUuid(id);
    if (!normal) return false;
    out.push_back(*std::move(normal));
  }
  return true;
}

}  // namespace

absl::Status AuthInternalServiceImpl::DoCheckReferences(const v1::CheckReferencesRequest& req,
                                                        v1::CheckReferencesResponse* out) {
  auto org = ids::NormalizeUuid(req.org_id());
  if (!org) return errors::Validation("org_id", "must be an organization id");
  if (req.user_ids_size() + req.brand_ids_size() > kMaxIds) return errors::Validation("ids", "too many at once");
  std::vector<std::string> users, brands;
  if (!Canonical(req.user_ids(), users)) return errors::Validation("user_ids", "must be ids");
  if (!Canonical(req.brand_ids(), brands)) return errors::Validation("brand_ids", "must be ids");
  return db::InTransaction(pool_, {.org_id = *org, .read_only = true}, [&](db::Transaction& tx) {
    out->Clear();
    if (!users.empty()) {
      auto r = tx.Execute(kUnknownMembers, text::JoinList(users));
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->rows(); ++i) out->add_unknown_user_ids(r->String(i, 0));
    }
    if (!brands.empty()) {
      auto r = tx.Execute(kUnknownBrands, text::JoinList(brands));
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->rows(); ++i) out->add_unknown_brand_ids(r->String(i, 0));
    }
    return absl::OkStatus();
  });
}

grpc::Status AuthInternalServiceImpl::CheckReferences(grpc::ServerContext* c, const v1::CheckReferencesRequest* req,
                                                      v1::CheckReferencesResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoCheckReferences(*req, out); });
}

}  // namespace sentra::auth

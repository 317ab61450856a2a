#include "brand_service.h"

#include <google/protobuf/util/time_util.h>

#include <regex>

#include "grant.h"
#include "sentra/db/pg_error.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/paging.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"
#include "sentra/text/utf8.h"
#include "sentra/text/validation.h"

namespace sentra::auth {

namespace {

using errors::FieldError;
using google::protobuf::util::TimeUtil;

#define SENTRA_BRAND_COLUMNS                                                          \
  "id, name, slug, coalesce(domain, ''), sender_name, sender_email, version, "        \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint "
constexpr db::Query kListBrands{
    "auth.list_brands",
    "SELECT " SENTRA_BRAND_COLUMNS "FROM brands WHERE org_id = current_org() "
    "AND (NULLIF($1, '') IS NULL OR id > NULLIF($1, '')::uuid) ORDER BY id LIMIT $2"};
constexpr db::Query kGetBrand{"auth.get_brand",
                              "SELECT " SENTRA_BRAND_COLUMNS "FROM brands WHERE org_id = current_org() AND id = $1"};
constexpr db::Query kInsertBrand{
    "auth.insert_brand",
    "INSERT INTO brands (id, org_id, name, slug, domain, sender_name, sender_email) "
    "VALUES ($1, current_org(), $2, $3, NULLIF($4, ''), $5, $6) RETURNING " SENTRA_BRAND_COLUMNS};
constexpr db::Query kUpdateBrand{
    "auth.update_brand",
    "UPDATE brands SET name = coalesce($2, name), slug = coalesce($3, slug), "
    "domain = CASE WHEN $4::text IS NULL THEN domain ELSE NULLIF($4, '') END, "
    "sender_name = coalesce($5, sender_name), sender_email = coalesce($6, sender_email), "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = current_org() AND id = $1 AND ($7::int IS NULL OR version = $7) RETURNING " SENTRA_BRAND_COLUMNS};
constexpr db::Query kBrandExists{"auth.brand_exists",
                                 "SELECT 1 FROM brands WHERE org_id = current_org() AND id = $1"};
constexpr db::Query kDeleteBrand{"auth.delete_brand",
                                 "DELETE FROM brands WHERE org_id = current_org() AND id = $1"};
// Members limited to the deleted brand lose it from their list.
constexpr db::Query kForgetBrand{
    "auth.forget_brand",
    "UPDATE memberships SET brand_ids = array_remove(brand_ids, $1::uuid), version = version + 1, "
    "updated_at = now() WHERE org_id = current_org() AND $1::uuid = ANY(brand_ids)"};
#undef SENTRA_BRAND_COLUMNS

void ReadBrand(const db::Result& r, int row, v1::Brand* b) {
  b->set_id(r.String(row, 0));
  b->set_name(r.String(row, 1));
  b->set_slug(r.String(row, 2));
  b->set_domain(r.String(row, 3));
  b->set_sender_name(r.String(row, 4));
  b->set_sender_email(r.String(row, 5));
  b->set_version(static_cast<int>(r.Int(row, 6)));
  *b->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 7));
  *b->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
}

bool IsValidDomain(const std::string& domain) {
  static const std::regex pattern("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  return domain.size() <= 253 && std::regex_match(domain, pattern);
}

void CheckName(std::string* name, std::vector<FieldError>& problems) {
  *name = text::Trim(*name);
  if (!text::IsValidName(*name, 200)) problems.push_back({"name", "is required (1-200 characters)"});
}
void CheckSlug(const std::string& slug, std::vector<FieldError>& problems) {
  if (!text::IsValidSlug(slug)) problems.push_back({"slug", "must be 2-63 of a-z, 0-9 and '-', not starting or ending with '-'"});
}
void CheckDomain(std::string* domain, std::vector<FieldError>& problems) {
  for (auto& c : *domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!domain->empty() && !IsValidDomain(*domain)) problems.push_back({"domain", "must be a host name such as crm.example.com"});
}
void CheckSender(std::string* sender_name, std::string* sender_email, std::vector<FieldError>& problems) {
  *sender_name = text::Trim(*sender_name);
  if (sender_name->size() > 200 || !text::IsValidUtf8(*sender_name)) problems.push_back({"sender_name", "is too long (max 200)"});
  if (!sender_email->empty()) {
    auto email = text::NormalizeEmail(*sender_email);
    if (!email) problems.push_back({"sender_email", "must be an e-mail address"});
    else *sender_email = *email;
  }
}

absl::Status MapUnique(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kAlreadyExists) return status;
  if (db::ConstraintName(status) == "brands_domain_key") return errors::Conflict("domain", "is already in use");
  return errors::Conflict("slug", "is already a brand here");
}

// A brand's sender identity and existence decide whose name outgoing mail
// carries and what members may see: changed only by a caller who holds
// brands:manage now (not only in their token) and has that brand.
absl::Status MayChangeBrand(db::Transaction& tx, const service::CallContext& call, const std::string& brand_id) {
  auto caller = CallerGrantNow(tx, call, "brands:manage");
  if (!caller.ok()) return caller.status();
  if (!brand_id.empty() && !BrandsWithin(false, {brand_id}, caller->brand_access)) {
    return errors::NotFound("brand");  // a brand the caller cannot see
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status BrandServiceImpl::DoUpdate(const service::CallContext& call, v1::UpdateBrandRequest req, v1::Brand* out) {
  auto id = ids::NormalizeUuid(req.id());
  if (!id) return errors::Validation("id", "must be a brand id");
  std::vector<FieldError> problems;
  if (req.has_name()) CheckName(req.mutable_name(), problems);
  if (req.has_slug()) CheckSlug(req.slug(), problems);
  if (req.has_domain()) CheckDomain(req.mutable_domain(), problems);
  std::string sender_name = req.sender_name(), sender_email = req.sender_email();
  CheckSender(&sender_name, &sender_email, problems);
  if (req.has_version() && req.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  auto opt = [](bool has, const std::string& v) { return has ? std::optional<std::string>(v) : std::nullopt; };
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    if (auto s = MayChangeBrand(tx, call, *id); !s.ok()) return s;
    auto r = tx.Execute(kUpdateBrand, *id, opt(req.has_name(), req.name()), opt(req.has_slug(), req.slug()),
                        opt(req.has_domain(), req.domain()), opt(req.has_sender_name(), sender_name),
                        opt(req.has_sender_email(), sender_email),
                        req.has_version() ? std::optional<int>(req.version()) : std::nullopt);
    if (!r.ok()) return MapUnique(r.status());
    if (r->rows() == 1) {
      ReadBrand(*r, 0, out);
      return absl::OkStatus();
    }
    auto exists = tx.Execute(kBrandExists, *id);
    if (!exists.ok()) return exists.status();
    return exists->rows() == 0 ? errors::NotFound("brand") : errors::VersionConflict("brand");
  });
}

grpc::Status BrandServiceImpl::ListBrands(grpc::ServerContext* c, const v1::ListBrandsRequest* req,
                                          v1::ListBrandsResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    auto page = service::ParseIdPage("brands", *req);
    if (!page.ok()) return page.status();
    return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true}, [&](db::Transaction& tx) {
      out->Clear();
      auto r = tx.Execute(kListBrands, page->after_id, page->limit + 1);
      if (!r.ok()) return r.status();
      service::FillIdPage(*r, *page, "brands", out, ReadBrand);
      return absl::OkStatus();
    });
  });
}

grpc::Status BrandServiceImpl::CreateBrand(grpc::ServerContext* c, const v1::CreateBrandRequest* request,
                                           v1::Brand* out) {
  return service::ServeIdempotent(c, *request, pool_, out,
                                  [&](const service::CallContext& call, service::IdempotentWrite& write) {
    v1::CreateBrandRequest req = *request;
    std::vector<FieldError> problems;
    CheckName(req.mutable_name(), problems);
    if (req.slug().empty()) req.set_slug(text::SlugFrom(req.name()));
    CheckSlug(req.slug(), problems);
    CheckDomain(req.mutable_domain(), problems);
    CheckSender(req.mutable_sender_name(), req.mutable_sender_email(), problems);
    if (!problems.empty()) return errors::Validation(std::move(problems));
    return write.InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, out, [&](db::Transaction& tx) {
      if (auto s = MayChangeBrand(tx, call, ""); !s.ok()) return s;
      auto r = tx.Execute(kInsertBrand, ids::NewUuidV7(), req.name(), req.slug(), req.domain(), req.sender_name(),
                          req.sender_email());
      if (!r.ok()) return MapUnique(r.status());
      ReadBrand(*r, 0, out);
      return absl::OkStatus();
    });
  });
}

grpc::Status BrandServiceImpl::GetBrand(grpc::ServerContext* c, const v1::GetBrandRequest* req, v1::Brand* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    auto id = ids::NormalizeUuid(req->id());
    if (!id) return errors::Validation("id", "must be a brand id");
    return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true}, [&](db::Transaction& tx) {
      auto r = tx.Execute(kGetBrand, *id);
      if (!r.ok()) return r.status();
      if (r->rows() == 0) return errors::NotFound("brand");
      ReadBrand(*r, 0, out);
      return absl::OkStatus();
    });
  });
}

grpc::Status BrandServiceImpl::UpdateBrand(grpc::ServerContext* c, const v1::UpdateBrandRequest* req, v1::Brand* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoUpdate(call, *req, out); });
}

grpc::Status BrandServiceImpl::DeleteBrand(grpc::ServerContext* c, const v1::DeleteBrandRequest* req,
                                           v1::DeleteBrandResponse*) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    auto id = ids::NormalizeUuid(req->id());
    if (!id) return errors::Validation("id", "must be a brand id");
    return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
      if (auto s = MayChangeBrand(tx, call, *id); !s.ok()) return s;
      auto r = tx.Execute(kDeleteBrand, *id);
      if (!r.ok()) return r.status();
      if (r->affected() == 0) return errors::NotFound("brand");
      return tx.Execute(kForgetBrand, *id).status();
    });
  });
}

}  // namespace sentra::auth

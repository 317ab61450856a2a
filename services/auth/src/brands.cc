#include "brands.h"

#include <regex>

#include "sentra/db/pg_error.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/limits.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/utf8.h"
#include "sentra/text/validation.h"
#include "sentra/service/versioned_write.h"

namespace sentra::auth {

namespace {

using errors::FieldError;

constexpr std::string_view kList = "brands";

bool IsValidDomain(const std::string& domain) {
  static const std::regex pattern("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  return domain.size() <= 253 && std::regex_match(domain, pattern);
}

void CheckName(std::string* name, std::vector<FieldError>& problems) {
  *name = text::Trim(*name);
  if (!text::IsValidName(*name, 200)) problems.push_back({"name", "is required (1-200 characters)"});
}
void CheckSlug(const std::string& slug, std::vector<FieldError>& problems) {
  if (!text::IsValidSlug(slug)) {
    problems.push_back({"slug", "must be 2-63 of a-z, 0-9 and '-', not starting or ending with '-'"});
  }
}
void CheckDomain(std::string* domain, std::vector<FieldError>& problems) {
  for (auto& c : *domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!domain->empty() && !IsValidDomain(*domain)) {
    problems.push_back({"domain", "must be a host name such as crm.example.com"});
  }
}
void CheckSenderName(std::string* sender_name, std::vector<FieldError>& problems) {
  *sender_name = text::Trim(*sender_name);
  if (sender_name->size() > 200 || !text::IsValidUtf8(*sender_name)) {
    problems.push_back({"sender_name", "is too long (max 200)"});
  }
}
void CheckSenderEmail(std::string* sender_email, std::vector<FieldError>& problems) {
  if (sender_email->empty()) return;
  auto email = text::NormalizeEmail(*sender_email);
  if (!email) problems.push_back({"sender_email", "must be an e-mail address"});
  else *sender_email = *email;
}

absl::Status MapUnique(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kAlreadyExists) return status;
  if (db::ConstraintName(status) == "brands_domain_key") return errors::Conflict("domain", "is already in use");
  return errors::Conflict("slug", "is already a brand here");
}

// A brand's sender identity and existence decide whose name outgoing mail
// carries and what members may see: changed only by a caller who holds
// brands:manage now (not only in their token) and has that brand.
absl::Status MayChangeBrand(BrandQueries& brands, const service::CallContext& call, const std::string& brand_id) {
  auto caller = brands.CallerGrant(call, "brands:manage");
  if (!caller.ok()) return caller.status();
  if (!brand_id.empty() && !BrandsWithin(false, {brand_id}, caller->brand_access)) {
    return errors::NotFound("brand");  // a brand the caller cannot see
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status BrandLogic::Create(const service::CallContext& call, v1::CreateBrandRequest r, v1::Brand* out) {
  std::vector<FieldError> problems;
  CheckName(r.mutable_name(), problems);
  if (r.slug().empty()) r.set_slug(text::SlugFrom(r.name()));
  CheckSlug(r.slug(), problems);
  CheckDomain(r.mutable_domain(), problems);
  CheckSenderName(r.mutable_sender_name(), problems);
  CheckSenderEmail(r.mutable_sender_email(), problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return brands_.Write([&](BrandQueries& brands, bus::EventSink&) -> absl::Status {
    if (auto s = MayChangeBrand(brands, call, ""); !s.ok()) return s;
    if (auto s = errors::WithinLimit(brands.LockAndCount(), kMaxBrands, "brands"); !s.ok()) return s;
    auto created = brands.Insert(ids::NewUuidV7(), r);
    if (!created.ok()) return MapUnique(created.status());
    *out = *std::move(created);
    return absl::OkStatus();
  });
}

absl::Status BrandLogic::Get(const service::CallContext&, std::string_view id, v1::Brand* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a brand id");
  return brands_.Read([&](BrandQueries& brands) -> absl::Status {
    auto found = brands.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("brand");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status BrandLogic::List(const service::CallContext&, const v1::ListBrandsRequest& request,
                              v1::ListBrandsResponse* out) {
  auto page = service::ParseIdPage(kList, request);
  if (!page.ok()) return page.status();
  return brands_.Read([&](BrandQueries& brands) -> absl::Status {
    out->Clear();
    auto found = brands.List(*page);
    if (!found.ok()) return found.status();
    for (auto& brand : *found) *out->add_data() = std::move(brand);
    service::FinishIdPage(*page, kList, out);
    return absl::OkStatus();
  });
}

absl::Status BrandLogic::Update(const service::CallContext& call, v1::UpdateBrandRequest r, v1::Brand* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a brand id");
  std::vector<FieldError> problems;
  if (r.has_name()) CheckName(r.mutable_name(), problems);
  if (r.has_slug()) CheckSlug(r.slug(), problems);
  if (r.has_domain()) CheckDomain(r.mutable_domain(), problems);
  if (r.has_sender_name()) CheckSenderName(r.mutable_sender_name(), problems);
  if (r.has_sender_email()) CheckSenderEmail(r.mutable_sender_email(), problems);
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return brands_.Write([&](BrandQueries& brands, bus::EventSink&) -> absl::Status {
    if (auto s = MayChangeBrand(brands, call, *id); !s.ok()) return s;
    auto updated = brands.Update(*id, r);
    if (!updated.ok()) return MapUnique(updated.status());
    if (*updated) {
      *out = **std::move(updated);
      return absl::OkStatus();
    }
    return service::GoneOrStale(brands.Find(*id), "brand");
  });
}

absl::Status BrandLogic::Delete(const service::CallContext& call, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a brand id");
  return brands_.Write([&](BrandQueries& brands, bus::EventSink&) -> absl::Status {
    if (auto s = MayChangeBrand(brands, call, *canonical); !s.ok()) return s;
    auto deleted = brands.Delete(*canonical);
    if (!deleted.ok()) return deleted.status();
    return *deleted ? absl::OkStatus() : errors::NotFound("brand");
  });
}

}  // namespace sentra::auth

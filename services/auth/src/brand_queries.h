// Where brands are stored: the queries the brand logic needs. No SQL here:
// the PostgreSQL implementation is pg_brand_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "grant.h"
#include "sentra/auth/v1/brands.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/paging.h"

namespace sentra::auth {

class BrandQueries {
 public:
  virtual ~BrandQueries() = default;
  // What the caller holds now (CallerGrantNow): the membership share-locked.
  virtual absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) = 0;
  // Up to page.limit + 1 brands in id order after the page's position.
  virtual absl::StatusOr<std::vector<v1::Brand>> List(const service::IdPage& page) = 0;
  virtual absl::StatusOr<std::optional<v1::Brand>> Find(std::string_view id) = 0;
  // ALREADY_EXISTS naming the constraint when the slug or domain is taken.
  virtual absl::StatusOr<v1::Brand> Insert(std::string_view id, const v1::CreateBrandRequest& values) = 0;
  // Applies the fields `change` has (`sender_*` as given) and bumps the
  // version; nothing when no brand has the id (at the version, if named).
  virtual absl::StatusOr<std::optional<v1::Brand>> Update(std::string_view id, const v1::UpdateBrandRequest& change) = 0;
  // Deletes the brand and takes it out of the members limited to it;
  // false when there was none.
  virtual absl::StatusOr<bool> Delete(std::string_view id) = 0;
  // How many brands the organization has, the count kept true until the
  // write ends: brand creations take turns.
  virtual absl::StatusOr<int> LockAndCount() = 0;
};

// The most brands an organization has: each member's brand access, and so
// each access token, lists some of them.
inline constexpr int kMaxBrands = 100;

}  // namespace sentra::auth

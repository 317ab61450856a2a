// What a member may do in an organization, as their access token states it:
// the role's permissions as they stand now (system or custom role), brand
// access, client link, and platform admin for superadmins. Reading them
// from the database is pg_grant.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>


namespace sentra::auth {

struct Grant {
  std::string role;
  std::vector<std::string> permissions;
  std::string brand_access = "*";  // "*" or comma-separated brand ids
  std::string client_id;
};

// May someone with brand access `held` ("*" or ids) give access to every
// brand (`all`) or to `brand_ids`? Only within their own.
bool BrandsWithin(bool all, const std::vector<std::string>& brand_ids, std::string_view held);

}  // namespace sentra::auth

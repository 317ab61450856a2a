#include "grant.h"

#include "identity_queries.h"
#include "roles.h"

namespace sentra::auth {

absl::StatusOr<std::vector<std::string>> RolePermissions(db::Transaction& tx, std::string_view role) {
  if (IsSystemRole(role)) return PermissionsFor(role);
  auto r = tx.Execute(sql::kCustomRolePermissions, role);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::vector<std::string>{};
  return SplitList(r->Text(0, 0));
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (comma != 0) out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

}  // namespace sentra::auth

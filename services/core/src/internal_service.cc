#include "internal_service.h"

#include <algorithm>

#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/serve.h"
#include "sentra/text/comma_list.h"

namespace sentra::core {

namespace {

// $1: comma-separated ids, checked as UUIDs before they get here. Archived
// clients count as unknown: nobody new is tied to one.
constexpr db::Query kUnknownClients{
    "core.unknown_clients",
    "SELECT u::text FROM unnest(string_to_array($1, ',')::uuid[]) AS u WHERE NOT EXISTS "
    "(SELECT 1 FROM clients c WHERE c.org_id = current_org() AND c.id = u AND c.archived_at IS NULL)"};

constexpr int kMaxIds = 1000;

}  // namespace

absl::Status CoreInternalServiceImpl::DoCheckClients(const v1::CheckClientsRequest& request,
                                                     v1::CheckClientsResponse* out) {
  auto org = ids::NormalizeUuid(request.org_id());
  if (!org) return errors::Validation("org_id", "must be an organization id");
  if (request.client_ids_size() > kMaxIds) return errors::Validation("client_ids", "too many at once");
  const std::string& brands = request.brand_access();
  const auto brand_ids = text::SplitList(brands);
  const auto is_id = [](const std::string& id) { return ids::IsUuid(id); };
  if (brands != "*" && !std::all_of(brand_ids.begin(), brand_ids.end(), is_id)) {
    return errors::Validation("brand_access", "must be * or brand ids");
  }
  std::vector<std::string> clients;
  for (const auto& id : request.client_ids()) {
    auto canonical = ids::NormalizeUuid(id);
    if (!canonical) return errors::Validation("client_ids", "must be ids");
    clients.push_back(*std::move(canonical));
  }
  if (clients.empty()) return absl::OkStatus();
  // The caller's brands: a client they may not see is one they cannot name.
  return db::InTransaction(pool_, {.org_id = *org, .brands = brands, .read_only = true}, [&](db::Transaction& tx) {
    out->Clear();
    auto r = tx.Execute(kUnknownClients, text::JoinList(clients));
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->rows(); ++i) out->add_unknown_client_ids(r->String(i, 0));
    return absl::OkStatus();
  });
}

grpc::Status CoreInternalServiceImpl::CheckClients(grpc::ServerContext* c, const v1::CheckClientsRequest* request,
                                                   v1::CheckClientsResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoCheckClients(*request, out); });
}

}  // namespace sentra::core

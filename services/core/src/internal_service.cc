#include "internal_service.h"

#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/serve.h"
#include "sentra/text/comma_list.h"

namespace sentra::core {

namespace {

// $1: comma-separated ids, checked as UUIDs before they get here: each with
// whether it is a live client and its brand. Archived clients count as
// unknown: nobody new is tied to one.
constexpr db::Query kClientsKnown{
    "core.clients_known",
    "SELECT u::text, c.id IS NOT NULL, coalesce(c.brand_id::text, '') "
    "FROM unnest(string_to_array($1, ',')::uuid[]) AS u "
    "LEFT JOIN clients c ON c.org_id = current_org() AND c.id = u AND c.archived_at IS NULL"};

constexpr int kMaxIds = 1000;

}  // namespace

absl::Status CoreInternalServiceImpl::DoCheckClients(const v1::CheckClientsRequest& request,
                                                     v1::CheckClientsResponse* out) {
  auto org = ids::NormalizeUuid(request.org_id());
  if (!org) return errors::Validation("org_id", "must be an organization id");
  if (request.client_ids_size() > kMaxIds) return errors::Validation("client_ids", "too many at once");
  std::vector<std::string> clients;
  for (const auto& id : request.client_ids()) {
    auto canonical = ids::NormalizeUuid(id);
    if (!canonical) return errors::Validation("client_ids", "must be ids");
    clients.push_back(*std::move(canonical));
  }
  if (clients.empty()) return absl::OkStatus();
  // Every brand: which of them the caller may name is auth's to say, from
  // the caller's brand access as it is now, not as a token carried it.
  return db::InTransaction(pool_, {.org_id = *org, .brands = "*", .read_only = true}, [&](db::Transaction& tx) {
    out->Clear();
    auto r = tx.Execute(kClientsKnown, text::JoinList(clients));
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->rows(); ++i) {
      if (r->Bool(i, 1)) (*out->mutable_brand_ids())[r->String(i, 0)] = r->String(i, 2);
      else out->add_unknown_client_ids(r->String(i, 0));
    }
    return absl::OkStatus();
  });
}

grpc::Status CoreInternalServiceImpl::CheckClients(grpc::ServerContext* c, const v1::CheckClientsRequest* request,
                                                   v1::CheckClientsResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoCheckClients(*request, out); });
}

}  // namespace sentra::core

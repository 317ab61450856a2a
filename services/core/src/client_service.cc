#include "client_service.h"

#include <google/protobuf/util/time_util.h>

#include "client_queries.h"
#include "client_rules.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/client.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/paging.h"
#include "sentra/service/serve.h"
#include "sentra/text/validation.h"

namespace sentra::core {

namespace {

using google::protobuf::util::TimeUtil;

constexpr std::string_view kList = "clients";

void ReadClient(const db::Result& r, int row, v1::Client* client) {
  client->set_id(r.String(row, 0));
  client->set_kind(r.String(row, 1));
  client->set_name(r.String(row, 2));
  client->set_email(r.String(row, 3));
  client->set_phone(r.String(row, 4));
  client->set_website(r.String(row, 5));
  client->set_notes(r.String(row, 6));
  client->set_owner_id(r.String(row, 7));
  client->set_brand_id(r.String(row, 8));
  client->set_version(static_cast<int>(r.Int(row, 9)));
  *client->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 10));
  *client->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 11));
}

absl::Status Emit(const bus::OutboxWriter& outbox, db::Transaction& tx, std::string_view type,
                  const v1::Client& client, const service::CallContext& call, std::vector<std::string> changed = {}) {
  events::v1::ClientChanged event;
  event.set_client_id(client.id());
  event.set_kind(client.kind());
  event.set_name(client.name());
  event.set_email(client.email());
  event.set_brand_id(client.brand_id());
  event.set_version(client.version());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return outbox.Append(tx, type, "client", client.id(), event, {call.actor(), call.request_id}).status();
}

absl::Status ReadOne(db::Transaction& tx, const std::string& org_id, const std::string& id, v1::Client* out) {
  auto row = tx.Execute(sql::kGetClient, org_id, id);
  if (!row.ok()) return row.status();
  if (row->rows() == 0) return errors::NotFound("client");
  ReadClient(*row, 0, out);
  return absl::OkStatus();
}

}  // namespace

grpc::Status ClientServiceImpl::CreateClient(grpc::ServerContext* c, const v1::CreateClientRequest* request,
                                             v1::Client* out) {
  return service::ServeIdempotent(c, *request, pool_, out,
                                  [&](const service::CallContext& call, service::IdempotentWrite& write) -> absl::Status {
    v1::CreateClientRequest r = *request;
    if (auto s = NormalizeCreate(r); !s.ok()) return s;
    if (auto s = service::RequireBrand(call, r.brand_id()); !s.ok()) return s;
    if (auto s = references_.Check(call, r.owner_id(), r.brand_id()); !s.ok()) return s;
    if (r.owner_id().empty()) r.set_owner_id(call.user_id);
    const std::string id = ids::NewUuidV7();
    return write.InTransaction(pool_, service::TxFor(call), out, [&](db::Transaction& tx) {
      auto row = tx.Execute(sql::kInsertClient, id, call.org_id, r.kind(), r.name(), r.email(), r.phone(),
                            r.website(), r.notes(), r.owner_id(), r.brand_id());
      if (!row.ok()) return row.status();
      ReadClient(*row, 0, out);
      return Emit(outbox_, tx, "client.created", *out, call);
    });
  });
}

grpc::Status ClientServiceImpl::GetClient(grpc::ServerContext* c, const v1::GetClientRequest* request,
                                          v1::Client* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) -> absl::Status {
    const auto id = ids::NormalizeUuid(request->id());
    if (!id) return errors::Validation("id", "must be a client id");
    return db::InTransaction(pool_, service::TxFor(call, /*read_only=*/true),
                             [&](db::Transaction& tx) { return ReadOne(tx, call.org_id, *id, out); });
  });
}

grpc::Status ClientServiceImpl::ListClients(grpc::ServerContext* c, const v1::ListClientsRequest* request,
                                            v1::ListClientsResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) -> absl::Status {
    auto page = service::ParseIdPage(kList, *request);
    if (!page.ok()) return page.status();
    if (auto s = CheckListFilters(*request); !s.ok()) return s;
    // Checked above; compared as stored, lower case.
    const std::string brand_id = ids::NormalizeUuid(request->brand_id()).value_or("");
    return db::InTransaction(pool_, service::TxFor(call, /*read_only=*/true), [&](db::Transaction& tx) {
      out->Clear();
      auto rows = tx.Execute(sql::kListClients, call.org_id, text::ContainsPattern(request->q()), request->kind(),
                             brand_id, page->after_id, page->limit + 1);
      if (!rows.ok()) return rows.status();
      service::FillIdPage(*rows, *page, kList, out, ReadClient);
      return absl::OkStatus();
    });
  });
}

grpc::Status ClientServiceImpl::UpdateClient(grpc::ServerContext* c, const v1::UpdateClientRequest* request,
                                             v1::Client* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) -> absl::Status {
    v1::UpdateClientRequest r = *request;
    if (auto s = NormalizeUpdate(r); !s.ok()) return s;
    if (r.has_brand_id()) {
      if (auto s = service::RequireBrandMove(call, r.brand_id()); !s.ok()) return s;
    }
    if (auto s = references_.Check(call, r.has_owner_id() ? r.owner_id() : "", r.has_brand_id() ? r.brand_id() : "");
        !s.ok()) {
      return s;
    }
    return db::InTransaction(pool_, service::TxFor(call), [&](db::Transaction& tx) -> absl::Status {
      using db::IfPresent;
      auto row = tx.Execute(sql::kUpdateClient, call.org_id, r.id(), IfPresent(r.has_kind(), r.kind()),
                            IfPresent(r.has_name(), r.name()), IfPresent(r.has_email(), r.email()),
                            IfPresent(r.has_phone(), r.phone()), IfPresent(r.has_website(), r.website()),
                            IfPresent(r.has_notes(), r.notes()), IfPresent(r.has_owner_id(), r.owner_id()),
                            IfPresent(r.has_brand_id(), r.brand_id()),
                            IfPresent<std::int64_t>(r.has_version(), r.version()));
      if (!row.ok()) return row.status();
      if (row->rows() == 0) {
        auto exists = tx.Execute(sql::kClientExists, call.org_id, r.id());
        if (!exists.ok()) return exists.status();
        return exists->rows() == 0 ? errors::NotFound("client") : errors::VersionConflict("client");
      }
      ReadClient(*row, 0, out);
      std::vector<std::string> changed;
      for (const auto* field : {"kind", "name", "email", "phone", "website", "notes", "owner_id", "brand_id"}) {
        if (r.GetReflection()->HasField(r, r.GetDescriptor()->FindFieldByName(field))) changed.emplace_back(field);
      }
      return Emit(outbox_, tx, "client.updated", *out, call, std::move(changed));
    });
  });
}

grpc::Status PortalServiceImpl::GetPortalClient(grpc::ServerContext* c, const v1::GetPortalClientRequest*,
                                                v1::PortalClient* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) -> absl::Status {
    // Only a member linked to a client has one to read; the link comes from
    // the verified credential, never from the request.
    if (call.client_id.empty()) return absl::PermissionDeniedError("only client-portal members have a portal");
    v1::Client client;
    auto status = db::InTransaction(pool_, service::TxFor(call, /*read_only=*/true),
                                    [&](db::Transaction& tx) { return ReadOne(tx, call.org_id, call.client_id, &client); });
    if (!status.ok()) return status;
    out->set_id(client.id());
    out->set_kind(client.kind());
    out->set_name(client.name());
    out->set_email(client.email());
    out->set_phone(client.phone());
    out->set_website(client.website());
    *out->mutable_created_at() = client.created_at();
    return absl::OkStatus();
  });
}

}  // namespace sentra::core

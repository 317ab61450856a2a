#include "lead_service.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "lead_queries.h"
#include "lead_rules.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/call_context.h"
#include "sentra/service/idempotency.h"
#include "sentra/text/validation.h"

namespace sentra::core {

namespace {

using google::protobuf::util::TimeUtil;

void ReadLead(const db::Result& r, int row, v1::Lead* lead) {
  lead->set_id(r.String(row, 0));
  lead->set_name(r.String(row, 1));
  lead->set_email(r.String(row, 2));
  lead->set_phone(r.String(row, 3));
  lead->set_company(r.String(row, 4));
  lead->set_source(r.String(row, 5));
  lead->set_status(r.String(row, 6));
  lead->set_score(static_cast<int>(r.Int(row, 7)));
  lead->set_notes(r.String(row, 8));
  lead->set_owner_id(r.String(row, 9));
  google::protobuf::ListValue tags;
  const std::string_view json = r.Text(row, 10);
  if (google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(json.data(), json.size()), &tags).ok()) {
    for (const auto& v : tags.values()) lead->add_tags(v.string_value());
  }
  lead->set_version(static_cast<int>(r.Int(row, 11)));
  *lead->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 12));
  *lead->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 13));
  lead->set_brand_id(r.String(row, 14));
}

std::string TagsJson(const google::protobuf::RepeatedPtrField<std::string>& tags) {
  google::protobuf::ListValue list;
  for (const auto& t : tags) list.add_values()->set_string_value(t);
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(list, &json);
  return json;
}

absl::Status Emit(const bus::OutboxWriter& outbox, db::Transaction& tx, std::string_view type,
                  const v1::Lead& lead, const service::CallContext& call, std::vector<std::string> changed = {}) {
  events::v1::LeadChanged event;
  event.set_lead_id(lead.id());
  event.set_name(lead.name());
  event.set_email(lead.email());
  event.set_status(lead.status());
  event.set_source(lead.source());
  event.set_version(lead.version());
  event.set_brand_id(lead.brand_id());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return outbox.Append(tx, type, "lead", lead.id(), event, {call.actor(), call.request_id}).status();
}

}  // namespace

grpc::Status LeadServiceImpl::CreateLead(grpc::ServerContext* context, const v1::CreateLeadRequest* request,
                                         v1::Lead* out) {
  return service::ServeIdempotent(
      context, *request, pool_, out,
      [&](const service::CallContext& call, service::IdempotentWrite& write) -> absl::Status {
        v1::CreateLeadRequest r = *request;
        if (auto s = NormalizeCreate(r); !s.ok()) return s;
        if (auto s = service::RequireBrand(call, r.brand_id()); !s.ok()) return s;
        if (auto s = references_.Check(call, r.owner_id(), r.brand_id()); !s.ok()) return s;
        if (r.owner_id().empty()) r.set_owner_id(call.user_id);
        const std::string id = ids::NewUuidV7();
        return write.InTransaction(pool_, service::TxFor(call), out, [&](db::Transaction& tx) {
          auto row = tx.Execute(sql::kInsertLead, id, call.org_id, r.owner_id(), r.name(), r.email(), r.phone(),
                                r.company(), r.source(), r.status(), r.score(), r.notes(), TagsJson(r.tags()),
                                r.brand_id());
          if (!row.ok()) return row.status();
          ReadLead(*row, 0, out);
          return Emit(outbox_, tx, "lead.created", *out, call);
        });
      });
}

grpc::Status LeadServiceImpl::GetLead(grpc::ServerContext* context, const v1::GetLeadRequest* request, v1::Lead* out) {
  const service::CallScope scope(*context);
  const auto& call = scope.call();
  absl::Status status = service::RequireTenant(call);
  if (status.ok() && !ids::IsUuid(request->id())) status = errors::Validation("id", "must be a lead id");
  if (status.ok()) {
    status = db::InTransaction(pool_, service::TxFor(call, /*read_only=*/true), [&](db::Transaction& tx) {
      auto row = tx.Execute(sql::kGetLead, call.org_id, *ids::NormalizeUuid(request->id()));
      if (!row.ok()) return row.status();
      if (row->rows() == 0) return errors::NotFound("lead");
      ReadLead(*row, 0, out);
      return absl::OkStatus();
    });
  }
  return errors::ToGrpcStatus(status);
}

grpc::Status LeadServiceImpl::ListLeads(grpc::ServerContext* context, const v1::ListLeadsRequest* request,
                                        v1::ListLeadsResponse* out) {
  const service::CallScope scope(*context);
  const auto& call = scope.call();
  absl::Status status = service::RequireTenant(call);
  absl::StatusOr<ListQuery> query = ParseListRequest(*request);
  if (status.ok()) status = query.status();
  if (status.ok()) {
    const db::Query* statement = &sql::kListByIdAsc;
    if (query->sort == LeadSort::kCreatedDesc) statement = &sql::kListByIdDesc;
    if (query->sort == LeadSort::kNameAsc) statement = &sql::kListByNameAsc;
    if (query->sort == LeadSort::kNameDesc) statement = &sql::kListByNameDesc;
    status = db::InTransaction(pool_, service::TxFor(call, /*read_only=*/true), [&](db::Transaction& tx) {
      out->Clear();
      // One row more than asked for tells whether another page follows.
      auto rows = tx.Execute(*statement, call.org_id, request->status(), request->source(), query->owner_id,
                             text::ContainsPattern(request->q()), query->after_id, query->after_name.value_or(""),
                             query->limit + 1, query->brand_id);
      if (!rows.ok()) return rows.status();
      const int shown = std::min(rows->rows(), query->limit);
      for (int i = 0; i < shown; ++i) ReadLead(*rows, i, out->add_data());
      if (rows->rows() > query->limit) {
        const auto& last = out->data(shown - 1);
        out->set_next_cursor(EncodeCursor(query->sort, last.id(), last.name()));
      }
      return absl::OkStatus();
    });
  }
  return errors::ToGrpcStatus(status);
}

grpc::Status LeadServiceImpl::UpdateLead(grpc::ServerContext* context, const v1::UpdateLeadRequest* request,
                                         v1::Lead* out) {
  const service::CallScope scope(*context);
  const auto& call = scope.call();
  absl::Status status = service::RequireTenant(call);
  v1::UpdateLeadRequest r = *request;
  if (status.ok()) status = NormalizeUpdate(r);
  if (status.ok() && r.has_brand_id()) status = service::RequireBrandMove(call, r.brand_id());
  if (status.ok()) {
    status = references_.Check(call, r.has_owner_id() ? r.owner_id() : "", r.has_brand_id() ? r.brand_id() : "");
  }
  if (status.ok()) {
    status = db::InTransaction(pool_, service::TxFor(call), [&](db::Transaction& tx) -> absl::Status {
      using db::IfPresent;
      auto row = tx.Execute(sql::kUpdateLead, call.org_id, r.id(), IfPresent(r.has_name(), r.name()),
                            IfPresent(r.has_email(), r.email()), IfPresent(r.has_phone(), r.phone()),
                            IfPresent(r.has_company(), r.company()), IfPresent(r.has_source(), r.source()),
                            IfPresent(r.has_status(), r.status()), IfPresent<std::int64_t>(r.has_score(), r.score()),
                            IfPresent(r.has_notes(), r.notes()), IfPresent(r.has_owner_id(), r.owner_id()),
                            IfPresent<std::int64_t>(r.has_version(), r.version()),
                            IfPresent(r.has_brand_id(), r.brand_id()));
      if (!row.ok()) return row.status();
      if (row->rows() == 0) {
        auto exists = tx.Execute(sql::kLeadExists, call.org_id, r.id());
        if (!exists.ok()) return exists.status();
        return exists->rows() == 0 ? errors::NotFound("lead") : errors::VersionConflict("lead");
      }
      ReadLead(*row, 0, out);
      std::vector<std::string> changed;
      for (const auto* field : {"name", "email", "phone", "company", "source", "status", "score", "notes", "owner_id",
                                 "brand_id"}) {
        const auto* descriptor = r.GetDescriptor()->FindFieldByName(field);
        if (r.GetReflection()->HasField(r, descriptor)) changed.emplace_back(field);
      }
      return Emit(outbox_, tx, "lead.updated", *out, call, std::move(changed));
    });
  }
  return errors::ToGrpcStatus(status);
}

grpc::Status LeadServiceImpl::DeleteLead(grpc::ServerContext* context, const v1::DeleteLeadRequest* request,
                                         v1::DeleteLeadResponse*) {
  const service::CallScope scope(*context);
  const auto& call = scope.call();
  absl::Status status = service::RequireTenant(call);
  if (status.ok() && !ids::IsUuid(request->id())) status = errors::Validation("id", "must be a lead id");
  if (status.ok()) {
    status = db::InTransaction(pool_, service::TxFor(call), [&](db::Transaction& tx) {
      auto row = tx.Execute(sql::kArchiveLead, call.org_id, *ids::NormalizeUuid(request->id()));
      if (!row.ok()) return row.status();
      if (row->rows() == 0) return errors::NotFound("lead");
      v1::Lead lead;
      ReadLead(*row, 0, &lead);
      return Emit(outbox_, tx, "lead.deleted", lead, call);
    });
  }
  return errors::ToGrpcStatus(status);
}

}  // namespace sentra::core

#include "deals.h"

#include "absl/time/civil_time.h"
#include "custom_field_rules.h"
#include "field_checks.h"
#include "tag_rules.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/deal.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/money/amounts.h"
#include "sentra/money/decimal.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

using errors::FieldError;

constexpr std::string_view kList = "deals";

// The stored deal as the API shows it: the value in its currency's digits.
v1::Deal Shown(StoredDeal stored) {
  v1::Deal deal = std::move(stored.deal);
  const auto currency = money::FindCurrency(deal.currency());
  // Stored currencies were checked on the way in; show minor units as they
  // are should the ISO list ever drop one.
  deal.set_value(currency ? money::FormatAmount(stored.value_minor, *currency)
                          : std::to_string(stored.value_minor));
  return deal;
}

DealValues ValuesOf(const StoredDeal& stored) {
  const v1::Deal& d = stored.deal;
  return {.title = d.title(),
          .client_id = d.client_id(),
          .pipeline_id = d.pipeline_id(),
          .stage_id = d.stage_id(),
          .status = d.status(),
          .value_minor = stored.value_minor,
          .currency = d.currency(),
          .expected_close_date = d.expected_close_date(),
          .owner_id = d.owner_id(),
          .custom_fields = d.custom_fields(),
          .tags = d.tags()};
}

absl::Status Emit(bus::EventSink& events, std::string_view type, const StoredDeal& deal,
                  std::string_view previous_stage = "", std::vector<std::string> changed = {}) {
  events::v1::DealChanged event;
  event.set_deal_id(deal.deal.id());
  event.set_title(deal.deal.title());
  event.set_client_id(deal.deal.client_id());
  event.set_pipeline_id(deal.deal.pipeline_id());
  event.set_stage_id(deal.deal.stage_id());
  event.set_previous_stage_id(std::string(previous_stage));
  event.set_status(deal.deal.status());
  event.set_value_minor(deal.value_minor);
  event.set_currency(deal.deal.currency());
  event.set_version(deal.deal.version());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "deal", deal.deal.id(), event);
}

// deal.won or deal.lost when a deal has just come to such a stage.
absl::Status EmitOutcome(bus::EventSink& events, const StoredDeal& deal, std::string_view previous_stage) {
  if (deal.deal.status() == "won") return Emit(events, "deal.won", deal, previous_stage);
  if (deal.deal.status() == "lost") return Emit(events, "deal.lost", deal, previous_stage);
  return absl::OkStatus();
}

void CheckDate(std::string* date, std::vector<FieldError>& problems) {
  if (date->empty()) return;
  absl::CivilDay day;
  if (date->size() != 10 || !absl::ParseCivilTime(*date, &day) || absl::FormatCivilTime(day) != *date) {
    problems.push_back({"expected_close_date", "must be a date, YYYY-MM-DD"});
  }
}

// A value in `currency` (already checked), not negative.
void CheckValue(const std::string& text, const money::Currency& currency, std::int64_t* minor,
                std::vector<FieldError>& problems) {
  auto parsed = money::ParseDecimal(text.empty() ? "0" : text, currency.exponent, "value", money::Sign::kNonNegative);
  if (!parsed.ok()) {
    for (auto& f : errors::FieldErrors(parsed.status())) problems.push_back(std::move(f));
    return;
  }
  *minor = *parsed;
}

// The stage a deal goes to: `stage_id` (of `pipeline_id` when that is
// given too), or the first of `pipeline_id`, or of the default pipeline.
absl::StatusOr<StageRef> ResolveStage(DealQueries& deals, const std::string& pipeline_id,
                                      const std::string& stage_id) {
  if (!stage_id.empty()) {
    auto stage = deals.FindStage(stage_id);
    if (!stage.ok()) return stage.status();
    if (!*stage) return errors::Validation("stage_id", "is not a stage here");
    if (!pipeline_id.empty() && (*stage)->pipeline_id != pipeline_id) {
      return errors::Validation("stage_id", "is not a stage of that pipeline");
    }
    return **stage;
  }
  auto first = deals.FirstStage(pipeline_id);
  if (!first.ok()) return first.status();
  if (!*first && pipeline_id.empty()) {
    // A deal of an organization so new that organization.created has not
    // yet made its default pipeline.
    if (auto s = deals.EnsureDefaultPipeline(); !s.ok()) return s;
    first = deals.FirstStage(pipeline_id);
    if (!first.ok()) return first.status();
  }
  if (!*first) {
    return pipeline_id.empty() ? errors::Validation("pipeline_id", "is required: there is no default pipeline")
                               : errors::Validation("pipeline_id", "is not a pipeline here");
  }
  return **first;
}

}  // namespace

absl::Status CheckNewDeal(v1::CreateDealRequest& r, DealValues* values) {
  std::vector<FieldError> problems;
  CheckRequiredText(r.mutable_title(), "title", 200, problems);
  CheckId(r.mutable_pipeline_id(), "pipeline_id", "a pipeline id", problems);
  CheckId(r.mutable_stage_id(), "stage_id", "a stage id", problems);
  CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  CheckDate(r.mutable_expected_close_date(), problems);
  CheckTags(r.mutable_tags(), problems);
  const auto currency = money::FindCurrency(r.currency());
  if (!currency) problems.push_back({"currency", "must be an ISO 4217 currency code, such as USD"});
  else CheckValue(r.value(), *currency, &values->value_minor, problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  values->title = r.title();
  values->currency = r.currency();
  values->expected_close_date = r.expected_close_date();
  values->custom_fields = r.custom_fields();
  values->tags = r.tags();
  return absl::OkStatus();
}

absl::StatusOr<v1::Deal> StoreNewDeal(DealQueries& deals, bus::EventSink& events, DealValues values,
                                      const std::string& pipeline_id, const std::string& stage_id) {
  auto stage = ResolveStage(deals, pipeline_id, stage_id);
  if (!stage.ok()) return stage.status();
  values.pipeline_id = stage->pipeline_id;
  values.stage_id = stage->id;
  values.status = stage->kind;
  auto definitions = deals.FieldDefinitions();
  if (!definitions.ok()) return definitions.status();
  const google::protobuf::Struct given = values.custom_fields;
  if (auto s = CheckCustomFields("deal", **definitions, given, nullptr, &values.custom_fields); !s.ok()) return s;
  auto created = deals.Insert(ids::NewUuidV7(), values);
  if (!created.ok()) return created.status();
  if (auto s = Emit(events, "deal.created", *created); !s.ok()) return s;
  if (auto s = EmitOutcome(events, *created, ""); !s.ok()) return s;
  return Shown(*std::move(created));
}

absl::Status DealLogic::Create(const service::CallContext& call, v1::CreateDealRequest r, v1::Deal* out) {
  DealValues values;
  auto client = ids::NormalizeUuid(r.client_id());
  auto checked = CheckNewDeal(r, &values);
  if (!client) {
    // Named together with whatever else is wrong.
    auto fields = errors::FieldErrors(checked);
    fields.insert(fields.begin(), {"client_id", "must be a client id"});
    return errors::Validation(std::move(fields));
  }
  if (!checked.ok()) return checked;
  if (auto s = references_.Check(call, r.owner_id(), ""); !s.ok()) return s;
  values.client_id = *client;
  values.owner_id = r.owner_id().empty() ? call.user_id : r.owner_id();
  return deals_.Write([&](DealQueries& deals, bus::EventSink& events) -> absl::Status {
    auto visible = deals.LockClient(values.client_id);
    if (!visible.ok()) return visible.status();
    if (!*visible) return errors::Validation("client_id", "is not a client here");
    auto created = StoreNewDeal(deals, events, values, r.pipeline_id(), r.stage_id());
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    return absl::OkStatus();
  });
}

absl::Status DealLogic::Get(const service::CallContext&, std::string_view id, v1::Deal* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a deal id");
  return deals_.Read([&](DealQueries& deals) -> absl::Status {
    auto found = deals.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("deal");
    *out = Shown(**std::move(found));
    return absl::OkStatus();
  });
}

absl::Status DealLogic::List(const service::CallContext&, const v1::ListDealsRequest& request,
                             v1::ListDealsResponse* out) {
  auto order = service::ParseIdOrder(kList, request);
  if (!order.ok()) return order.status();
  std::vector<FieldError> problems;
  DealFilter filter{.status = request.status(), .order = *order};
  const auto id_filter = [&](const std::string& value, const char* field, std::string* into) {
    if (value.empty()) return;
    auto id = ids::NormalizeUuid(value);
    if (id) *into = *id;
    else problems.push_back({field, "must be an id"});
  };
  id_filter(request.pipeline_id(), "pipeline_id", &filter.pipeline_id);
  id_filter(request.stage_id(), "stage_id", &filter.stage_id);
  id_filter(request.client_id(), "client_id", &filter.client_id);
  const std::string& status = request.status();
  if (!status.empty() && status != "open" && status != "won" && status != "lost") {
    problems.push_back({"status", "must be open, won or lost"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return deals_.Read([&](DealQueries& deals) -> absl::Status {
    out->Clear();
    std::vector<StoredDeal> found;
    auto more = deals.List(filter, &found);
    if (!more.ok()) return more.status();
    for (auto& deal : found) *out->add_data() = Shown(std::move(deal));
    service::FinishIdOrderPage(filter.order, kList, *more, out);
    return absl::OkStatus();
  });
}

absl::Status DealLogic::Update(const service::CallContext& call, v1::UpdateDealRequest r, v1::Deal* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a deal id");
  std::vector<FieldError> problems;
  if (r.has_title()) CheckRequiredText(r.mutable_title(), "title", 200, problems);
  if (r.has_stage_id()) {
    auto stage = ids::NormalizeUuid(r.stage_id());
    if (stage) r.set_stage_id(*stage);
    else problems.push_back({"stage_id", "must be a stage id"});
  }
  if (r.has_owner_id()) CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  if (r.has_expected_close_date()) CheckDate(r.mutable_expected_close_date(), problems);
  if (r.has_currency()) {
    if (!money::FindCurrency(r.currency())) problems.push_back({"currency", "must be an ISO 4217 currency code, such as USD"});
    else if (!r.has_value()) problems.push_back({"value", "is required with a new currency: the value in it"});
  }
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  const bool new_tags = service::BodyHas(r, "tags");
  if (new_tags) CheckTags(r.mutable_tags(), problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  if (r.has_owner_id()) {
    if (auto s = references_.Check(call, r.owner_id(), ""); !s.ok()) return s;
  }
  return deals_.Write([&](DealQueries& deals, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(deals.Lock(*id), "deal", service::RequestedVersion(r),
                                      [](const auto& stored) { return stored.deal.version(); });
    if (!current.ok()) return current.status();
    const int version = current->deal.version();
    DealValues values = ValuesOf(*current);
    if (r.has_title()) values.title = r.title();
    if (r.has_currency()) values.currency = r.currency();
    if (r.has_value()) {
      auto currency = money::ParseCurrency(values.currency, "currency");
      if (!currency.ok()) return currency.status();
      std::vector<FieldError> bad;
      CheckValue(r.value(), *currency, &values.value_minor, bad);
      if (!bad.empty()) return errors::Validation(std::move(bad));
    }
    if (r.has_expected_close_date()) values.expected_close_date = r.expected_close_date();
    if (r.has_owner_id()) values.owner_id = r.owner_id().empty() ? call.user_id : r.owner_id();
    if (r.has_custom_fields()) {
      auto definitions = deals.FieldDefinitions();
      if (!definitions.ok()) return definitions.status();
      if (auto s = CheckCustomFields("deal", **definitions, r.custom_fields(), &current->deal.custom_fields(),
                                     &values.custom_fields);
          !s.ok()) {
        return s;
      }
    }
    std::vector<std::string> changed =
        service::FieldsSet(r, {"title", "value", "currency", "expected_close_date", "owner_id", "custom_fields"});
    if (new_tags) {
      values.tags = r.tags();
      changed.push_back("tags");
    }
    const std::string previous_stage = values.stage_id;
    const bool moving = r.has_stage_id() && r.stage_id() != previous_stage;
    if (moving) {
      auto stage = ResolveStage(deals, values.pipeline_id, r.stage_id());
      if (!stage.ok()) return stage.status();
      values.stage_id = stage->id;
      values.status = stage->kind;
    }
    if (changed.empty() && !moving) {  // nothing to write: no new version, no event
      *out = Shown(*std::move(current));
      return absl::OkStatus();
    }
    const std::string previous_status = current->deal.status();
    auto updated = deals.Update(*id, version, values, moving);
    if (!updated.ok()) return updated.status();
    if (!*updated) {
      // The deal is locked, so its client went (archived, or out of sight)
      // while this transaction waited for it.
      return service::GoneOrStale(deals.Find(*id), "deal");
    }
    if (!changed.empty()) {
      if (auto s = Emit(events, "deal.updated", **updated, "", std::move(changed)); !s.ok()) return s;
    }
    if (moving) {
      if (auto s = Emit(events, "deal.stage_changed", **updated, previous_stage); !s.ok()) return s;
      if ((*updated)->deal.status() != previous_status) {
        if (auto s = EmitOutcome(events, **updated, previous_stage); !s.ok()) return s;
      }
    }
    *out = Shown(**std::move(updated));
    return absl::OkStatus();
  });
}

absl::Status DealLogic::Delete(const service::CallContext&, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a deal id");
  return deals_.Write([&](DealQueries& deals, bus::EventSink& events) -> absl::Status {
    auto archived = deals.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) return errors::NotFound("deal");
    return Emit(events, "deal.deleted", **archived);
  });
}

absl::Status DealLogic::Totals(const service::CallContext&, std::string_view pipeline_id, v1::PipelineTotals* out) {
  const auto id = ids::NormalizeUuid(pipeline_id);
  if (!id) return errors::Validation("id", "must be a pipeline id");
  return deals_.Read([&](DealQueries& deals) -> absl::Status {
    out->Clear();
    auto exists = deals.PipelineExists(*id);
    if (!exists.ok()) return exists.status();
    if (!*exists) return errors::NotFound("pipeline");
    auto sums = deals.StageSums(*id);
    if (!sums.ok()) return sums.status();
    for (const StageSum& sum : *sums) {
      if (out->data_size() == 0 || out->data(out->data_size() - 1).stage_id() != sum.stage_id) {
        out->add_data()->set_stage_id(sum.stage_id);
      }
      v1::StageTotals& stage = *out->mutable_data(out->data_size() - 1);
      stage.set_count(stage.count() + sum.count);
      // Stored currencies were checked on the way in; the digits of one the
      // ISO list might drop are shown as they are.
      const money::Currency currency = money::FindCurrency(sum.currency).value_or(money::Currency{sum.currency, 0});
      v1::StageValue& value = *stage.add_values();
      value.set_currency(sum.currency);
      value.set_value(money::FormatAmountText(sum.value_minor, currency).value_or(sum.value_minor));
      value.set_count(sum.count);
    }
    return absl::OkStatus();
  });
}

}  // namespace sentra::core

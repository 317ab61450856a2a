#include "timeline.h"

#include <algorithm>

#include <google/protobuf/util/time_util.h>

#include "fmt/format.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/client.pb.h"
#include "sentra/events/v1/deal.pb.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/events/v1/note.pb.h"
#include "sentra/events/v1/order.pb.h"
#include "sentra/events/v1/task.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/money/amounts.h"
#include "sentra/service/paging.h"
#include "sentra/text/utf8.h"

namespace sentra::core {

namespace {

using google::protobuf::util::TimeUtil;

constexpr std::string_view kList = "timeline";
constexpr std::size_t kPreviewLength = 200;

std::string Money(std::int64_t minor, const std::string& code) {
  const auto currency = money::FindCurrency(code);
  return fmt::format("{} {}", currency ? money::FormatAmount(minor, *currency) : std::to_string(minor), code);
}

std::string Quoted(std::string_view text) { return fmt::format("\xE2\x80\x9C{}\xE2\x80\x9D", text::Preview(text, 100)); }

std::string NoteSummary(const events::v1::NoteChanged& note) {
  return "Note: " + text::Preview(note.body(), kPreviewLength);
}

// What the projection makes of one event: the client it concerns ("" for
// none) and the item.
struct Projected {
  std::string client_id;
  v1::TimelineItem item;
  v1::TimelineRef via;  // the deal or order it came through, if any
};

// A deal or an order: what an item on it, or on a note or task on it, comes through.
void Through(const std::string& type, const std::string& id, v1::TimelineRef* via) {
  if (type != "deal" && type != "order") return;
  via->set_type(type);
  via->set_id(id);
}

template <typename Payload>
absl::StatusOr<Payload> Unpack(const events::v1::Envelope& event) {
  Payload payload;
  if (!event.payload().UnpackTo(&payload)) {
    return absl::InvalidArgumentError(fmt::format("{} {} has no {} payload", event.type(), event.id(),
                                                  Payload::descriptor()->full_name()));
  }
  return payload;
}

// The client of a record of `type` ("client" itself, a deal, an order).
absl::StatusOr<std::string> ClientOf(TimelineQueries& timeline, const std::string& type, const std::string& id) {
  if (type == "client") return id;
  if (type != "deal" && type != "order") return std::string();
  auto client = timeline.ClientOf(type, id);
  if (!client.ok()) return client.status();
  return client->value_or("");
}

absl::StatusOr<std::string> ClientSummary(const events::v1::Envelope& event, const events::v1::ClientChanged& c) {
  if (event.type() == "client.created") return "Client " + Quoted(c.name()) + " created";
  if (event.type() == "client.archived") return std::string("Client archived");
  if (event.type() == "client.restored") return std::string("Client restored");
  std::string fields;
  for (const auto& f : c.changed_fields()) fields += (fields.empty() ? "" : ", ") + f;
  return "Client details changed: " + fields;
}

absl::StatusOr<std::string> DealSummary(TimelineQueries& timeline, const events::v1::Envelope& event,
                                        const events::v1::DealChanged& d) {
  const std::string deal = "Deal " + Quoted(d.title());
  if (event.type() == "deal.won") return deal + " won: " + Money(d.value_minor(), d.currency());
  if (event.type() == "deal.lost") return deal + " lost";
  auto stage = timeline.StageName(d.stage_id());
  if (!stage.ok()) return stage.status();
  if (event.type() == "deal.created") {
    return deal + " created at " + Quoted(*stage) + ", " + Money(d.value_minor(), d.currency());
  }
  return deal + " moved to " + Quoted(*stage);
}

std::string OrderSummary(const events::v1::Envelope& event, const events::v1::OrderChanged& o) {
  const std::string total = Money(o.total_minor(), o.currency());
  if (event.type() == "order.created") return "Order drafted: " + total;
  if (event.type() == "order.confirmed") return "Order confirmed: " + total;
  if (event.type() == "order.fulfilled") return "Order fulfilled: " + total;
  return "Order cancelled: " + total;
}

// Fills `out` for the events that make an item; an empty client_id for
// those that concern no client.
absl::Status Project(TimelineQueries& timeline, const events::v1::Envelope& event, Projected* out) {
  const std::string& type = event.type();
  const auto ref = [&](std::string_view ref_type, const std::string& ref_id) {
    out->item.mutable_ref()->set_type(std::string(ref_type));
    out->item.mutable_ref()->set_id(ref_id);
  };
  if (type.starts_with("client.")) {
    auto c = Unpack<events::v1::ClientChanged>(event);
    if (!c.ok()) return c.status();
    auto summary = ClientSummary(event, *c);
    if (!summary.ok()) return summary.status();
    out->client_id = c->client_id();
    out->item.set_summary(*summary);
    ref("client", c->client_id());
  } else if (type == "note.created") {
    auto n = Unpack<events::v1::NoteChanged>(event);
    if (!n.ok()) return n.status();
    auto client = ClientOf(timeline, n->parent_type(), n->parent_id());
    if (!client.ok()) return client.status();
    out->client_id = *client;
    out->item.set_summary(NoteSummary(*n));
    ref("note", n->note_id());
    Through(n->parent_type(), n->parent_id(), &out->via);
  } else if (type.starts_with("deal.")) {
    auto d = Unpack<events::v1::DealChanged>(event);
    if (!d.ok()) return d.status();
    auto summary = DealSummary(timeline, event, *d);
    if (!summary.ok()) return summary.status();
    out->client_id = d->client_id();
    out->item.set_summary(*summary);
    ref("deal", d->deal_id());
    Through("deal", d->deal_id(), &out->via);
  } else if (type.starts_with("order.")) {
    auto o = Unpack<events::v1::OrderChanged>(event);
    if (!o.ok()) return o.status();
    out->client_id = o->client_id();
    out->item.set_summary(OrderSummary(event, *o));
    ref("order", o->order_id());
    Through("order", o->order_id(), &out->via);
  } else if (type == "lead.converted") {
    auto l = Unpack<events::v1::LeadChanged>(event);
    if (!l.ok()) return l.status();
    out->client_id = l->client_id();
    out->item.set_summary("Converted from lead " + Quoted(l->name()));
    ref("lead", l->lead_id());
  } else if (type == "task.completed") {
    auto t = Unpack<events::v1::TaskChanged>(event);
    if (!t.ok()) return t.status();
    auto client = ClientOf(timeline, t->related_type(), t->related_id());
    if (!client.ok()) return client.status();
    out->client_id = *client;
    out->item.set_summary("Task done: " + Quoted(t->title()));
    ref("task", t->task_id());
    Through(t->related_type(), t->related_id(), &out->via);
  }
  return absl::OkStatus();
}

std::string Cursor(const v1::TimelineItem& last) {
  return service::KeyedCursor(kList, last.id(), std::to_string(TimeUtil::TimestampToMicroseconds(last.occurred_at())));
}

}  // namespace

const std::vector<std::string>& TimelineEventTypes() {
  static const std::vector<std::string> kTypes = {
      "client.created", "client.updated",     "client.archived", "client.restored", "note.created",
      "note.updated",   "note.deleted",       "deal.created",    "deal.stage_changed", "deal.won",
      "deal.lost",      "deal.deleted",       "order.created",   "order.confirmed", "order.fulfilled",
      "order.cancelled", "order.deleted",     "task.completed",  "lead.converted"};
  return kTypes;
}

absl::Status ProjectOntoTimeline(TimelineQueries& timeline, bus::EventSink&, const events::v1::Envelope& event) {
  // A note's item follows the note: its newest text, its new record (a
  // converted lead's note, now its client's), or gone with it.
  if (event.type() == "note.updated" || event.type() == "note.deleted") {
    auto note = Unpack<events::v1::NoteChanged>(event);
    if (!note.ok()) return note.status();
    if (event.type() == "note.deleted") return timeline.Remove("note", note->note_id());
    const auto& changed = note->changed_fields();
    if (std::find(changed.begin(), changed.end(), "parent_id") == changed.end()) {
      return timeline.Resummarize("note", note->note_id(), NoteSummary(*note));
    }
    if (auto s = timeline.Remove("note", note->note_id()); !s.ok()) return s;
    Projected moved;
    auto client = ClientOf(timeline, note->parent_type(), note->parent_id());
    if (!client.ok()) return client.status();
    if (client->empty()) return absl::OkStatus();
    moved.item.set_id(event.id());
    moved.item.set_type("note.created");
    // Where it was written, not when it moved.
    *moved.item.mutable_occurred_at() = note->has_created_at() ? note->created_at() : event.occurred_at();
    moved.item.set_summary(NoteSummary(*note));
    moved.item.mutable_ref()->set_type("note");
    moved.item.mutable_ref()->set_id(note->note_id());
    Through(note->parent_type(), note->parent_id(), &moved.via);
    return timeline.Add(*client, moved.item, moved.via);
  }
  // A deleted deal or draft order takes its items, and those of what was on it, along.
  if (event.type() == "deal.deleted") {
    auto deal = Unpack<events::v1::DealChanged>(event);
    if (!deal.ok()) return deal.status();
    return timeline.Remove("deal", deal->deal_id());
  }
  if (event.type() == "order.deleted") {
    auto order = Unpack<events::v1::OrderChanged>(event);
    if (!order.ok()) return order.status();
    return timeline.Remove("order", order->order_id());
  }
  Projected projected;
  if (auto s = Project(timeline, event, &projected); !s.ok()) return s;
  if (projected.client_id.empty()) return absl::OkStatus();  // about no client: a lead's note, say
  projected.item.set_id(event.id());
  projected.item.set_type(event.type());
  *projected.item.mutable_occurred_at() = event.occurred_at();
  return timeline.Add(projected.client_id, projected.item, projected.via);
}

absl::Status TimelineLogic::List(const service::CallContext& call, const v1::ListTimelineRequest& request,
                                 v1::ListTimelineResponse* out) {
  const auto client = ids::NormalizeUuid(request.client_id());
  if (!client) return errors::Validation("client_id", "must be a client id");
  auto keyed = service::ParseKeyedPage(
      kList, request.has_limit() ? std::optional<int>(request.limit()) : std::nullopt, request.cursor());
  if (!keyed.ok()) return keyed.status();
  TimelinePage page{.limit = keyed->page.limit, .before_id = keyed->page.after_id, .ref_types = "client"};
  if (!page.before_id.empty()) {
    const auto micros = service::ParseTimeKey(keyed->after_key);
    if (!micros) return errors::Validation("cursor", "is not a cursor from this list");
    page.before_micros = *micros;
  }
  // What a note, deal, order, task or the lead it came from says is read
  // with its own permission.
  for (const char* type : {"note", "deal", "order", "task", "lead"}) {
    if (call.Has(std::string(type) + "s:read")) page.ref_types += "," + std::string(type);
  }
  // And what came through a deal or an order, with that record's too.
  page.via_types.clear();
  for (const char* type : {"deal", "order"}) {
    if (call.Has(std::string(type) + "s:read")) page.via_types += (page.via_types.empty() ? "" : ",") + std::string(type);
  }
  return timeline_.Read([&](TimelineQueries& timeline) -> absl::Status {
    out->Clear();
    auto visible = timeline.ClientVisible(*client);
    if (!visible.ok()) return visible.status();
    if (!*visible) return errors::NotFound("client");
    std::vector<v1::TimelineItem> items;
    auto more = timeline.List(*client, page, &items);
    if (!more.ok()) return more.status();
    for (auto& item : items) *out->add_data() = std::move(item);
    service::FinishPage(page.limit, *more, out, Cursor);
    return absl::OkStatus();
  });
}

}  // namespace sentra::core

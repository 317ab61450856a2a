// The timeline's projection and list on a fake store: which events become
// items of which client, what they say, that a redelivery adds nothing,
// that a note's item follows the note, and newest-first pages.
#include "src/timeline.h"

#include <catch2/catch.hpp>
#include <google/protobuf/util/time_util.h>

#include <map>

#include "fmt/format.h"

#include "sentra/errors/errors.h"
#include "sentra/events/v1/client.pb.h"
#include "sentra/events/v1/deal.pb.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/events/v1/note.pb.h"
#include "sentra/events/v1/order.pb.h"
#include "sentra/events/v1/task.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kClient[] = "0190f1c2-3b4a-7def-8123-456789abc001";
constexpr char kDeal[] = "0190f1c2-3b4a-7def-8123-4567890000d1";
constexpr char kOrder[] = "0190f1c2-3b4a-7def-8123-4567890000e1";
constexpr char kLead[] = "0190f1c2-3b4a-7def-8123-4567890000f1";
constexpr char kStage[] = "0190f1c2-3b4a-7def-8123-4567890000a1";

class FakeTimelineQueries final : public TimelineQueries {
 public:
  absl::StatusOr<bool> ClientVisible(std::string_view client_id) override { return client_id == kClient; }
  absl::StatusOr<bool> List(std::string_view client_id, const TimelinePage& page,
                            std::vector<v1::TimelineItem>* listed) override {
    std::vector<v1::TimelineItem>& out = *listed;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {  // newest first
      const auto& [key, entry] = *it;
      if (entry.first != client_id) continue;
      if (page.ref_types.find(entry.second.ref().type()) == std::string::npos) continue;
      const auto via = vias.find(entry.second.id());
      if (via != vias.end() && !via->second.type().empty() &&
          page.via_types.find(via->second.type()) == std::string::npos) {
        continue;
      }
      if (!page.before_id.empty() && key >= std::pair(page.before_micros, page.before_id)) continue;
      if (static_cast<int>(out.size()) == page.limit + 1) break;
      out.push_back(entry.second);
    }
    return false;  // no byte budget here: the extra item tells
  }
  absl::StatusOr<std::optional<std::string>> ClientOf(std::string_view type, std::string_view id) override {
    if ((type == "deal" && id == kDeal) || (type == "order" && id == kOrder)) return std::string(kClient);
    return std::nullopt;
  }
  absl::StatusOr<std::string> StageName(std::string_view stage_id) override {
    return stage_id == kStage ? "Proposal" : "";
  }
  absl::Status Add(std::string_view client_id, const v1::TimelineItem& item, const v1::TimelineRef& via) override {
    const auto key = std::pair(TimeUtil::TimestampToMicroseconds(item.occurred_at()), item.id());
    items.try_emplace(key, std::string(client_id), item);
    vias[item.id()] = via;
    return absl::OkStatus();
  }
  absl::Status Resummarize(std::string_view ref_type, std::string_view ref_id, std::string_view summary) override {
    for (auto& [key, entry] : items) {
      if (entry.second.ref().type() == ref_type && entry.second.ref().id() == ref_id) {
        entry.second.set_summary(std::string(summary));
      }
    }
    return absl::OkStatus();
  }
  absl::Status Remove(std::string_view ref_type, std::string_view ref_id) override {
    std::erase_if(items, [&](const auto& kv) {
      const v1::TimelineItem& item = kv.second.second;
      const auto via = vias.find(item.id());
      const bool through = via != vias.end() && via->second.type() == ref_type && via->second.id() == ref_id;
      return through || (item.ref().type() == ref_type && item.ref().id() == ref_id);
    });
    return absl::OkStatus();
  }

  std::map<std::string, v1::TimelineRef> vias;  // by item id
  // (time, id) → (client, item)
  std::map<std::pair<std::int64_t, std::string>, std::pair<std::string, v1::TimelineItem>> items;
};

using Repo = sentra::testing::FakeRepository<TimelineQueries, FakeTimelineQueries>;

struct Fixture {
  int seq = 0;

  template <typename Payload>
  events::v1::Envelope Event(const std::string& type, const Payload& payload) {
    events::v1::Envelope e;
    e.set_id(fmt::format("0190f1c2-3b4a-7def-8123-4567890{:05d}", ++seq));
    e.set_type(type);
    *e.mutable_occurred_at() = TimeUtil::MicrosecondsToTimestamp(1'800'000'000'000'000 + seq * 1000);
    e.mutable_payload()->PackFrom(payload);
    return e;
  }

  void Project(const events::v1::Envelope& e) {
    const auto status =
        repo.Write([&](TimelineQueries& q, bus::EventSink& events) { return ProjectOntoTimeline(q, events, e); });
    INFO(status.ToString());
    REQUIRE(status.ok());
  }

  std::vector<std::string> Summaries() {
    v1::ListTimelineRequest request;
    request.set_client_id(kClient);
    v1::ListTimelineResponse out;
    REQUIRE(timeline.List(reader, request, &out).ok());
    std::vector<std::string> summaries;
    for (const auto& item : out.data()) summaries.push_back(item.summary());
    return summaries;
  }

  Repo repo;
  TimelineLogic timeline{repo};
  service::CallContext reader{.permissions = "clients:read,notes:read,deals:read,orders:read,tasks:read"};
};

}  // namespace

TEST_CASE("the timeline tells a client's story newest first, from the events about it", "[core][timeline]") {
  Fixture f;
  events::v1::ClientChanged client;
  client.set_client_id(kClient);
  client.set_name("Acme");
  f.Project(f.Event("client.created", client));
  events::v1::DealChanged deal;
  deal.set_deal_id(kDeal);
  deal.set_client_id(kClient);
  deal.set_title("Website");
  deal.set_stage_id(kStage);
  deal.set_value_minor(1250050);
  deal.set_currency("USD");
  f.Project(f.Event("deal.stage_changed", deal));
  f.Project(f.Event("deal.won", deal));
  events::v1::NoteChanged note;
  note.set_note_id("0190f1c2-3b4a-7def-8123-4567890000c1");
  note.set_parent_type("order");
  note.set_parent_id(kOrder);
  note.set_body("Shipped by courier");
  const auto noted = f.Event("note.created", note);
  f.Project(noted);
  f.Project(noted);  // a redelivery adds nothing
  events::v1::OrderChanged order;
  order.set_order_id(kOrder);
  order.set_client_id(kClient);
  order.set_total_minor(1099);
  order.set_currency("JPY");
  f.Project(f.Event("order.confirmed", order));
  events::v1::TaskChanged task;
  task.set_task_id("0190f1c2-3b4a-7def-8123-4567890000c2");
  task.set_title("Call back");
  task.set_related_type("deal");
  task.set_related_id(kDeal);
  f.Project(f.Event("task.completed", task));

  CHECK(f.Summaries() == std::vector<std::string>{
                             "Task done: \xE2\x80\x9C" "Call back\xE2\x80\x9D",
                             "Order confirmed: 1099 JPY",
                             "Note: Shipped by courier",
                             "Deal \xE2\x80\x9CWebsite\xE2\x80\x9D won: 12500.50 USD",
                             "Deal \xE2\x80\x9CWebsite\xE2\x80\x9D moved to \xE2\x80\x9CProposal\xE2\x80\x9D",
                             "Client \xE2\x80\x9C" "Acme\xE2\x80\x9D created"});

  // What a note, deal, order or task says is read with its own permission.
  v1::ListTimelineRequest own;
  own.set_client_id(kClient);
  v1::ListTimelineResponse only_client;
  REQUIRE(f.timeline.List({.permissions = "clients:read"}, own, &only_client).ok());
  REQUIRE(only_client.data_size() == 1);
  CHECK(only_client.data(0).type() == "client.created");

  // A note on an order is read with orders:read too.
  v1::ListTimelineResponse no_orders;
  REQUIRE(f.timeline.List({.permissions = "clients:read,notes:read,deals:read,tasks:read"}, own, &no_orders).ok());
  for (const auto& item : no_orders.data()) {
    CHECK(item.type() != "order.confirmed");
    CHECK(item.summary() != "Note: Shipped by courier");
  }

  // The note's item follows the note.
  note.set_body(std::string(300, 'x'));
  f.Project(f.Event("note.updated", note));
  CHECK(f.Summaries()[2] == "Note: " + std::string(200, 'x') + "\xE2\x80\xA6");
  f.Project(f.Event("note.deleted", note));
  CHECK(f.Summaries().size() == 5);

  // A lead's note, or a task about nothing, is on no client's timeline.
  note.set_parent_type("lead");
  note.set_parent_id(kLead);
  f.Project(f.Event("note.created", note));
  task.clear_related_type();
  task.clear_related_id();
  f.Project(f.Event("task.completed", task));
  CHECK(f.repo.state.items.size() == 5);

  // A deleted deal takes its items along, and the task done on it.
  f.Project(f.Event("deal.deleted", deal));
  CHECK(f.Summaries() == std::vector<std::string>{"Order confirmed: 1099 JPY",
                                                  "Client \xE2\x80\x9C" "Acme\xE2\x80\x9D created"});
}

TEST_CASE("the timeline pages newest first, and refuses what is not a client's", "[core][timeline]") {
  Fixture f;
  events::v1::ClientChanged client;
  client.set_client_id(kClient);
  for (int i = 0; i < 5; ++i) f.Project(f.Event("client.updated", client));
  v1::ListTimelineRequest request;
  request.set_client_id(kClient);
  request.set_limit(2);
  std::vector<std::string> ids;
  for (int pages = 0; pages < 5; ++pages) {
    v1::ListTimelineResponse out;
    REQUIRE(f.timeline.List(f.reader, request, &out).ok());
    for (const auto& item : out.data()) ids.push_back(item.id());
    if (!out.has_next_cursor()) break;
    request.set_cursor(out.next_cursor());
  }
  REQUIRE(ids.size() == 5);
  CHECK(std::is_sorted(ids.rbegin(), ids.rend()));
  v1::ListTimelineRequest other;
  other.set_client_id("0190f1c2-3b4a-7def-8123-456789abc0ff");
  v1::ListTimelineResponse out;
  CHECK(errors::AppCode(f.timeline.List(f.reader, other, &out)) == "NOT_FOUND");
  other.set_client_id("nope");
  CHECK(errors::FieldErrors(f.timeline.List(f.reader, other, &out)).at(0).field == "client_id");
  other.set_client_id(kClient);
  other.set_cursor("garbage");
  CHECK(errors::FieldErrors(f.timeline.List(f.reader, other, &out)).at(0).field == "cursor");
}

TEST_CASE("a converted lead's notes join its client's timeline when they were written, beside the conversion",
          "[core][timeline]") {
  Fixture f;
  f.reader.permissions += ",leads:read";
  events::v1::NoteChanged note;
  note.set_note_id("0190f1c2-3b4a-7def-8123-4567890000d1");
  note.set_parent_type("lead");
  note.set_parent_id(kLead);
  note.set_body("Met at the fair");
  *note.mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(1'700'000'000'000'000);  // long before
  f.Project(f.Event("note.created", note));  // a lead's: on no timeline yet
  events::v1::ClientChanged client;
  client.set_client_id(kClient);
  client.set_name("Roe GmbH");
  f.Project(f.Event("client.created", client));
  note.set_parent_type("client");
  note.set_parent_id(kClient);
  note.add_changed_fields("parent_type");
  note.add_changed_fields("parent_id");
  const auto moved = f.Event("note.updated", note);
  f.Project(moved);
  f.Project(moved);  // a redelivery adds nothing
  events::v1::LeadChanged lead;
  lead.set_lead_id(kLead);
  lead.set_name("Jane Roe");
  lead.set_client_id(kClient);
  f.Project(f.Event("lead.converted", lead));

  CHECK(f.Summaries() == std::vector<std::string>{"Converted from lead \xE2\x80\x9CJane Roe\xE2\x80\x9D",
                                                  "Client \xE2\x80\x9CRoe GmbH\xE2\x80\x9D created",
                                                  "Note: Met at the fair"});
  v1::ListTimelineRequest request;
  request.set_client_id(kClient);
  v1::ListTimelineResponse out;
  REQUIRE(f.timeline.List(f.reader, request, &out).ok());
  CHECK(out.data(0).ref().type() == "lead");
  CHECK(out.data(0).ref().id() == kLead);
  CHECK(TimeUtil::TimestampToMicroseconds(out.data(2).occurred_at()) == 1'700'000'000'000'000);
  // An edit of it afterwards changes its text where it is.
  note.clear_changed_fields();
  note.add_changed_fields("body");
  note.set_body("Met at the trade fair");
  f.Project(f.Event("note.updated", note));
  CHECK(f.Summaries().back() == "Note: Met at the trade fair");
  // Without leads:read, the link to the lead is not shown.
  v1::ListTimelineResponse without;
  REQUIRE(f.timeline.List({.permissions = "clients:read,notes:read"}, request, &without).ok());
  CHECK(without.data_size() == 2);
}

}  // namespace sentra::core

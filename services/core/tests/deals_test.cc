// DealLogic on fakes: stages, status from the stage, exact money, history
// and the events of each move.
#include "src/deals.h"

#include <catch2/catch.hpp>

#include "fake_deal_queries.h"
#include "fake_references.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/deal.pb.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<DealQueries, testing::FakeDealQueries>;

constexpr char kClient[] = "0190f1c2-3b4a-7def-8123-456789abc001";
constexpr char kSales[] = "0190f1c2-3b4a-7def-8123-4567890000a0";
constexpr char kOther[] = "0190f1c2-3b4a-7def-8123-4567890000b0";
constexpr char kNew[] = "0190f1c2-3b4a-7def-8123-4567890000a1";
constexpr char kWon[] = "0190f1c2-3b4a-7def-8123-4567890000a2";
constexpr char kLost[] = "0190f1c2-3b4a-7def-8123-4567890000a3";
constexpr char kOtherFirst[] = "0190f1c2-3b4a-7def-8123-4567890000b1";

struct Fixture {
  Fixture() {
    repo.state.clients = {kClient};
    repo.state.default_pipeline = kSales;
    repo.state.stages = {{kNew, kSales, "open"}, {kWon, kSales, "won"}, {kLost, kSales, "lost"},
                         {kOtherFirst, kOther, "open"}};
  }

  v1::Deal Create(const std::string& value = "1250.5", const std::string& currency = "USD") {
    v1::CreateDealRequest request;
    request.set_title("Website");
    request.set_client_id(kClient);
    request.set_value(value);
    request.set_currency(currency);
    v1::Deal out;
    const auto status = deals.Create(call, request, &out);
    INFO(status.ToString());
    REQUIRE(status.ok());
    return out;
  }

  std::vector<std::string> EventTypes() const {
    std::vector<std::string> types;
    for (const auto& e : repo.events) types.push_back(e.type);
    return types;
  }

  Repo repo;
  testing::AnyReferences references;
  DealLogic deals{repo, references};
  CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef", .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01"};
};

}  // namespace

TEST_CASE("a deal starts in the default pipeline's first stage, its value exact", "[core][deals]") {
  Fixture f;
  const v1::Deal deal = f.Create();
  CHECK(deal.pipeline_id() == kSales);
  CHECK(deal.stage_id() == kNew);
  CHECK(deal.status() == "open");
  CHECK(deal.value() == "1250.50");
  CHECK(f.repo.state.deals.at(deal.id()).value_minor == 125050);
  CHECK(deal.owner_id() == f.call.user_id);
  REQUIRE(deal.stage_history_size() == 1);
  CHECK(f.EventTypes() == std::vector<std::string>{"deal.created"});
  CHECK(f.Create("1099", "JPY").value() == "1099");
  CHECK(f.Create("1.1", "KWD").value() == "1.100");
}

TEST_CASE("moving a deal records the stage, and winning or losing says so once", "[core][deals]") {
  Fixture f;
  const v1::Deal deal = f.Create();
  v1::UpdateDealRequest move;
  move.set_id(deal.id());
  move.set_stage_id(kWon);
  v1::Deal out;
  REQUIRE(f.deals.Update(f.call, move, &out).ok());
  CHECK(out.status() == "won");
  CHECK(out.stage_history_size() == 2);
  CHECK(f.EventTypes() == std::vector<std::string>{"deal.created", "deal.stage_changed", "deal.won"});
  const auto won = f.repo.events.back().As<events::v1::DealChanged>();
  CHECK(won.previous_stage_id() == kNew);
  CHECK(won.value_minor() == 125050);

  // The same stage again is no move at all.
  REQUIRE(f.deals.Update(f.call, move, &out).ok());
  CHECK(out.stage_history_size() == 2);
  CHECK(f.repo.events.size() == 3);

  move.set_stage_id(kLost);
  REQUIRE(f.deals.Update(f.call, move, &out).ok());
  CHECK(f.EventTypes().back() == "deal.lost");
  // A stage of another pipeline, or of none, is refused and nothing moves.
  move.set_stage_id(kOtherFirst);
  CHECK(sentra::testing::ErrorFields(f.deals.Update(f.call, move, &out)) == std::vector<std::string>{"stage_id"});
  move.set_stage_id("0190f1c2-3b4a-7def-8123-4567890000ff");
  CHECK(sentra::testing::ErrorFields(f.deals.Update(f.call, move, &out)) == std::vector<std::string>{"stage_id"});
  CHECK(f.repo.state.deals.at(deal.id()).deal.stage_id() == kLost);
}

TEST_CASE("a deal of an organization too new for its default pipeline makes it", "[core][deals]") {
  Fixture f;
  f.repo.state.default_pipeline.clear();
  std::erase_if(f.repo.state.stages, [](const StageRef& s) { return s.pipeline_id == kSales; });
  const v1::Deal deal = f.Create();
  CHECK(deal.pipeline_id() == "0190f1c2-3b4a-7def-8123-4567890000c0");
  CHECK(deal.status() == "open");
}

TEST_CASE("deal input is checked field by field, money exactly", "[core][deals]") {
  Fixture f;
  v1::CreateDealRequest bad;
  bad.set_client_id("nope");
  bad.set_currency("usd");
  bad.set_expected_close_date("2026-02-30");
  v1::Deal out;
  CHECK(sentra::testing::ErrorFields(f.deals.Create(f.call, bad, &out)) ==
        std::vector<std::string>{"client_id", "title", "expected_close_date", "currency"});
  v1::CreateDealRequest request;
  request.set_title("Website");
  request.set_client_id(kClient);
  request.set_currency("USD");
  for (const char* value : {"10.555", "-1", "1e3", "abc", "99999999999999999999"}) {
    request.set_value(value);
    INFO(value);
    CHECK(sentra::testing::ErrorFields(f.deals.Create(f.call, request, &out)) == std::vector<std::string>{"value"});
  }
  request.set_value("10");
  request.set_client_id("0190f1c2-3b4a-7def-8123-456789abc0ff");  // not a client here
  CHECK(sentra::testing::ErrorFields(f.deals.Create(f.call, request, &out)) == std::vector<std::string>{"client_id"});
  request.set_client_id(kClient);
  request.set_pipeline_id(kOther);
  request.set_stage_id(kWon);  // a stage of another pipeline
  CHECK(sentra::testing::ErrorFields(f.deals.Create(f.call, request, &out)) == std::vector<std::string>{"stage_id"});
  CHECK(f.repo.state.deals.empty());
  CHECK(f.repo.events.empty());
}

TEST_CASE("a new currency needs the value in it, versions are checked", "[core][deals]") {
  Fixture f;
  const v1::Deal deal = f.Create();
  v1::UpdateDealRequest change;
  change.set_id(deal.id());
  change.set_currency("JPY");
  v1::Deal out;
  CHECK(sentra::testing::ErrorFields(f.deals.Update(f.call, change, &out)) == std::vector<std::string>{"value"});
  change.set_value("150000");
  change.set_version(1);
  REQUIRE(f.deals.Update(f.call, change, &out).ok());
  CHECK(out.value() == "150000");
  CHECK(out.currency() == "JPY");
  CHECK(f.EventTypes().back() == "deal.updated");
  CHECK(errors::AppCode(f.deals.Update(f.call, change, &out)) == "VERSION_CONFLICT");

  REQUIRE(f.deals.Delete(f.call, deal.id()).ok());
  CHECK(errors::AppCode(f.deals.Get(f.call, deal.id(), &out)) == "NOT_FOUND");
  CHECK(f.EventTypes().back() == "deal.deleted");
}

TEST_CASE("deal lists filter by pipeline, stage, status and client, page by page", "[core][deals]") {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.Create();
  v1::UpdateDealRequest win;
  win.set_id(f.repo.state.deals.begin()->first);
  win.set_stage_id(kWon);
  v1::Deal out;
  REQUIRE(f.deals.Update(f.call, win, &out).ok());

  const auto count = [&](auto&& set_filter) {
    v1::ListDealsRequest request;
    set_filter(request);
    request.set_limit(2);
    int seen = 0;
    for (int pages = 0; pages < 10; ++pages) {
      v1::ListDealsResponse page;
      REQUIRE(f.deals.List(f.call, request, &page).ok());
      seen += page.data_size();
      if (page.next_cursor().empty()) break;
      request.set_cursor(page.next_cursor());
    }
    return seen;
  };
  CHECK(count([](v1::ListDealsRequest&) {}) == 5);
  CHECK(count([](v1::ListDealsRequest& r) { r.set_status("won"); }) == 1);
  CHECK(count([](v1::ListDealsRequest& r) { r.set_stage_id(kNew); }) == 4);
  CHECK(count([](v1::ListDealsRequest& r) { r.set_pipeline_id(kOther); }) == 0);
  CHECK(count([](v1::ListDealsRequest& r) { r.set_client_id(kClient); }) == 5);
  v1::ListDealsRequest bad;
  bad.set_status("maybe");
  bad.set_client_id("x");
  v1::ListDealsResponse page;
  CHECK(sentra::testing::ErrorFields(f.deals.List(f.call, bad, &page)) == std::vector<std::string>{"client_id", "status"});
}

TEST_CASE("a deal update that changes nothing writes nothing", "[core][deals]") {
  Fixture f;
  const v1::Deal deal = f.Create();
  v1::UpdateDealRequest same;
  same.set_id(deal.id());
  same.set_stage_id(deal.stage_id());
  v1::Deal out;
  REQUIRE(f.deals.Update(f.call, same, &out).ok());
  CHECK(out.version() == 1);
  CHECK(f.repo.events.size() == 1);
}

}  // namespace sentra::core

namespace sentra::core {

TEST_CASE("a pipeline's totals count each stage's deals and sum their values per currency", "[core][deals]") {
  Fixture f;
  f.Create("1000", "USD");
  f.Create("250.5", "USD");
  f.Create("1099", "JPY");
  const v1::Deal won = f.Create("1", "USD");
  v1::UpdateDealRequest move;
  move.set_id(won.id());
  move.set_stage_id(kWon);
  v1::Deal out;
  REQUIRE(f.deals.Update(f.call, move, &out).ok());

  v1::PipelineTotals totals;
  REQUIRE(f.deals.Totals(f.call, kSales, &totals).ok());
  REQUIRE(totals.data_size() == 2);
  const auto& first = totals.data(0).stage_id() == kNew ? totals.data(0) : totals.data(1);
  CHECK(first.count() == 3);
  REQUIRE(first.values_size() == 2);
  CHECK(first.values(0).currency() == "JPY");
  CHECK(first.values(0).value() == "1099");
  CHECK(first.values(1).currency() == "USD");
  CHECK(first.values(1).value() == "1250.50");
  CHECK(first.values(1).count() == 2);
  // An empty pipeline has none; one that is not there is not found, an id that is not one is named.
  REQUIRE(f.deals.Totals(f.call, kOther, &totals).ok());
  CHECK(totals.data_size() == 0);
  CHECK(errors::AppCode(f.deals.Totals(f.call, "0190f1c2-3b4a-7def-8123-4567890000ff", &totals)) == "NOT_FOUND");
  CHECK(errors::FieldErrors(f.deals.Totals(f.call, "nope", &totals)).at(0).field == "id");
}

}  // namespace sentra::core

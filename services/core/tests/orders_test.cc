// OrderLogic on fakes: exact line arithmetic, drafts the only editable
// orders, the moves between statuses and their events, the portal's view.
#include "src/orders.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "fake_order_queries.h"
#include "fake_references.h"
#include "sentra/errors/errors.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<OrderQueries, testing::FakeOrderQueries>;

constexpr char kClient[] = "0190f1c2-3b4a-7def-8123-456789abc001";
constexpr char kOtherClient[] = "0190f1c2-3b4a-7def-8123-456789abc002";
constexpr char kDeal[] = "0190f1c2-3b4a-7def-8123-4567890000d1";
constexpr char kOtherDeal[] = "0190f1c2-3b4a-7def-8123-4567890000d2";

void AddLine(google::protobuf::RepeatedPtrField<v1::OrderLine>* lines, const std::string& description,
             const std::string& quantity, const std::string& unit_price, const std::string& tax_rate = "") {
  auto* line = lines->Add();
  line->set_description(description);
  line->set_quantity(quantity);
  line->set_unit_price(unit_price);
  line->set_tax_rate(tax_rate);
}

struct Fixture {
  Fixture() {
    repo.state.clients = {kClient, kOtherClient};
    repo.state.deals = {{kDeal, kClient}, {kOtherDeal, kOtherClient}};
  }

  // A USD draft: 1.5 h at 10.99 with 8.875% tax, and a 5.00 discount.
  v1::Order Create(const std::string& client = kClient) {
    v1::CreateOrderRequest request;
    request.set_client_id(client);
    request.set_currency("USD");
    AddLine(request.mutable_lines(), "Design, hours", "1.5", "10.99", "8.875");
    AddLine(request.mutable_lines(), "Loyalty discount", "", "-5");
    v1::Order out;
    const auto status = orders.Create(call, request, &out);
    INFO(status.ToString());
    REQUIRE(status.ok());
    return out;
  }

  v1::OrderTransitionRequest At(const v1::Order& order) const {
    v1::OrderTransitionRequest request;
    request.set_id(order.id());
    return request;
  }

  std::vector<std::string> EventTypes() const {
    std::vector<std::string> types;
    for (const auto& e : repo.events) types.push_back(e.type);
    return types;
  }

  Repo repo;
  testing::AnyReferences references;
  OrderLogic orders{repo, references};
  CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef", .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01"};
};

}  // namespace

TEST_CASE("an order's lines are priced exactly: half-up per line, totals the sums", "[core][orders]") {
  Fixture f;
  const v1::Order order = f.Create();
  CHECK(order.status() == "draft");
  REQUIRE(order.lines_size() == 2);
  // 1.5 × 10.99 = 16.485 → 16.49; 8.875% of it = 1.4634875 → 1.46.
  CHECK(order.lines(0).quantity() == "1.5");
  CHECK(order.lines(0).tax_rate() == "8.875");
  CHECK(order.lines(0).subtotal() == "16.49");
  CHECK(order.lines(0).tax() == "1.46");
  CHECK(order.lines(0).total() == "17.95");
  CHECK(order.lines(1).quantity() == "1");
  CHECK(order.lines(1).total() == "-5.00");
  CHECK(order.subtotal() == "11.49");
  CHECK(order.tax() == "1.46");
  CHECK(order.total() == "12.95");
  CHECK(order.owner_id() == f.call.user_id);
  CHECK(f.EventTypes() == std::vector<std::string>{"order.created"});
  const auto event = f.repo.events[0].As<events::v1::OrderChanged>();
  CHECK(event.total_minor() == 1295);
  CHECK(event.lines(0).quantity_micros() == 1'500'000);
  CHECK(event.lines(0).tax_rate_ten_thousandths() == 88'750);

  v1::CreateOrderRequest yen;
  yen.set_client_id(kClient);
  yen.set_currency("JPY");
  AddLine(yen.mutable_lines(), "Print run", "3", "1099", "10");
  v1::Order out;
  REQUIRE(f.orders.Create(f.call, yen, &out).ok());
  CHECK(out.total() == "3627");  // 3297 + 329.7 → 330
}

TEST_CASE("order input is checked line by line and field by field", "[core][orders]") {
  Fixture f;
  v1::CreateOrderRequest bad;
  bad.set_client_id("nope");
  bad.set_currency("usd");
  v1::Order out;
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, bad, &out)) == std::vector<std::string>{"client_id", "currency"});

  v1::CreateOrderRequest request;
  request.set_client_id(kClient);
  request.set_currency("USD");
  AddLine(request.mutable_lines(), "", "0", "1.001", "100.5");
  AddLine(request.mutable_lines(), "Fine", "-1", "", "-1");
  AddLine(request.mutable_lines(), "Fine", "1.0000001", "1e3", "abc");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, request, &out)) ==
        std::vector<std::string>{"lines[0].description", "lines[0].quantity", "lines[0].unit_price",
                                 "lines[0].tax_rate", "lines[1].quantity", "lines[1].unit_price",
                                 "lines[1].tax_rate", "lines[2].quantity", "lines[2].unit_price",
                                 "lines[2].tax_rate"});

  v1::CreateOrderRequest negative;
  negative.set_client_id(kClient);
  negative.set_currency("USD");
  AddLine(negative.mutable_lines(), "Refund", "1", "-1");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, negative, &out)) == std::vector<std::string>{"lines"});

  // A line, or the lines together, beyond what an int64 of minor units holds.
  v1::CreateOrderRequest huge;
  huge.set_client_id(kClient);
  huge.set_currency("USD");
  AddLine(huge.mutable_lines(), "Too much", "999999999999", "92233720368547758.07");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, huge, &out)) == std::vector<std::string>{"lines[0].unit_price"});
  v1::CreateOrderRequest sum;
  sum.set_client_id(kClient);
  sum.set_currency("USD");
  AddLine(sum.mutable_lines(), "Big", "1", "92233720368547758.07");
  AddLine(sum.mutable_lines(), "Bigger", "1", "1");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, sum, &out)) == std::vector<std::string>{"lines"});

  v1::CreateOrderRequest many;
  many.set_client_id(kClient);
  many.set_currency("USD");
  for (int i = 0; i < 201; ++i) AddLine(many.mutable_lines(), "Line", "1", "1");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, many, &out)) == std::vector<std::string>{"lines"});

  // The client and the deal must be there, and the deal the client's.
  v1::CreateOrderRequest elsewhere;
  elsewhere.set_client_id("0190f1c2-3b4a-7def-8123-456789abc0ff");
  elsewhere.set_currency("EUR");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, elsewhere, &out)) == std::vector<std::string>{"client_id"});
  elsewhere.set_client_id(kClient);
  elsewhere.set_deal_id(kOtherDeal);
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, elsewhere, &out)) == std::vector<std::string>{"deal_id"});
  elsewhere.set_deal_id("0190f1c2-3b4a-7def-8123-4567890000ff");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, elsewhere, &out)) == std::vector<std::string>{"deal_id"});
  elsewhere.set_deal_id(kDeal);
  REQUIRE(f.orders.Create(f.call, elsewhere, &out).ok());
  CHECK(out.deal_id() == kDeal);
  CHECK(f.repo.state.orders.size() == 1);
}

TEST_CASE("an order's lines may pass the largest amount on the way if their sums come back within it", "[core][orders]") {
  Fixture f;
  constexpr char kMost[] = "92233720368547758.07", kLeast[] = "-92233720368547758.07";
  v1::CreateOrderRequest cancelling;
  cancelling.set_client_id(kClient);
  cancelling.set_currency("USD");
  // Running sums would overflow after the second line; the final ones are 0.
  AddLine(cancelling.mutable_lines(), "Charge", "1", kMost);
  AddLine(cancelling.mutable_lines(), "Charge", "1", kMost);
  AddLine(cancelling.mutable_lines(), "Reversal", "1", kLeast);
  AddLine(cancelling.mutable_lines(), "Reversal", "1", kLeast);
  v1::Order out;
  REQUIRE(f.orders.Create(f.call, cancelling, &out).ok());
  CHECK(out.total() == "0.00");
  // The same lines with one more: past the largest amount in the end, refused.
  AddLine(cancelling.mutable_lines(), "Charge", "1", kMost);
  AddLine(cancelling.mutable_lines(), "Charge", "1", "0.01");
  CHECK(sentra::testing::ErrorFields(f.orders.Create(f.call, cancelling, &out)) == std::vector<std::string>{"lines"});
}

TEST_CASE("a draft is edited: lines replaced or emptied, a new currency with its lines", "[core][orders]") {
  Fixture f;
  const v1::Order order = f.Create();
  v1::UpdateOrderRequest patch;
  patch.set_id(order.id());
  patch.set_currency("JPY");
  v1::Order out;
  CHECK(sentra::testing::ErrorFields(f.orders.Update(f.call, patch, &out)) == std::vector<std::string>{"lines"});
  // The currency it has already needs no lines: a GET's body sent back is fine.
  v1::UpdateOrderRequest same;
  same.set_id(order.id());
  same.set_currency("USD");
  REQUIRE(f.orders.Update(f.call, same, &out).ok());
  CHECK(out.lines_size() == 2);
  AddLine(patch.mutable_lines(), "Print run", "2", "500");
  patch.add_body_fields("lines");
  patch.set_version(2);
  REQUIRE(f.orders.Update(f.call, patch, &out).ok());
  CHECK(out.currency() == "JPY");
  CHECK(out.total() == "1000");
  CHECK(out.version() == 3);
  const auto updated = f.repo.events.back().As<events::v1::OrderChanged>();
  CHECK(std::vector<std::string>(updated.changed_fields().begin(), updated.changed_fields().end()) ==
        std::vector<std::string>{"currency", "lines"});

  // A stale version changes nothing.
  CHECK(errors::AppCode(f.orders.Update(f.call, patch, &out)) == "VERSION_CONFLICT");
  // "lines": [] empties the draft; no "lines" leaves them.
  v1::UpdateOrderRequest empty;
  empty.set_id(order.id());
  empty.set_deal_id(kDeal);
  REQUIRE(f.orders.Update(f.call, empty, &out).ok());
  CHECK(out.lines_size() == 1);
  CHECK(out.deal_id() == kDeal);
  empty.add_body_fields("lines");
  REQUIRE(f.orders.Update(f.call, empty, &out).ok());
  CHECK(out.lines_size() == 0);
  CHECK(out.total() == "0");
  // Nothing set: no new version, no event.
  const auto events = f.repo.events.size();
  v1::UpdateOrderRequest nothing;
  nothing.set_id(order.id());
  REQUIRE(f.orders.Update(f.call, nothing, &out).ok());
  CHECK(f.repo.events.size() == events);
}

TEST_CASE("an order moves draft → confirmed → fulfilled, or is cancelled, and nothing else", "[core][orders]") {
  Fixture f;
  const v1::Order order = f.Create();
  v1::Order out;
  REQUIRE(f.orders.Confirm(f.call, f.At(order), &out).ok());
  CHECK(out.status() == "confirmed");
  CHECK(out.has_confirmed_at());
  const auto confirmed = f.repo.events.back();
  CHECK(confirmed.type == "order.confirmed");
  CHECK(confirmed.As<events::v1::OrderChanged>().lines_size() == 2);

  // Confirmed: not edited, not deleted, not confirmed again.
  v1::UpdateOrderRequest patch;
  patch.set_id(order.id());
  patch.set_owner_id("");
  CHECK(errors::AppCode(f.orders.Update(f.call, patch, &out)) == "CONFLICT");
  CHECK(errors::AppCode(f.orders.Delete(f.call, order.id())) == "CONFLICT");
  CHECK(errors::AppCode(f.orders.Confirm(f.call, f.At(order), &out)) == "CONFLICT");
  REQUIRE(f.orders.Fulfill(f.call, f.At(order), &out).ok());
  CHECK(errors::AppCode(f.orders.Cancel(f.call, f.At(order), &out)) == "CONFLICT");
  CHECK(f.EventTypes() == std::vector<std::string>{"order.created", "order.confirmed", "order.fulfilled"});

  // A draft is cancelled, or deleted; a stale version moves nothing.
  const v1::Order other = f.Create();
  auto stale = f.At(other);
  stale.set_version(2);
  CHECK(errors::AppCode(f.orders.Cancel(f.call, stale, &out)) == "VERSION_CONFLICT");
  REQUIRE(f.orders.Cancel(f.call, f.At(other), &out).ok());
  CHECK(out.has_cancelled_at());
  CHECK(errors::AppCode(f.orders.Fulfill(f.call, f.At(other), &out)) == "CONFLICT");
  const v1::Order third = f.Create();
  REQUIRE(f.orders.Delete(f.call, third.id()).ok());
  CHECK(f.EventTypes().back() == "order.deleted");
  CHECK(errors::AppCode(f.orders.Get(f.call, third.id(), &out)) == "NOT_FOUND");
}

TEST_CASE("an order without lines is not confirmed, and the refusal writes nothing", "[core][orders]") {
  Fixture f;
  v1::CreateOrderRequest request;
  request.set_client_id(kClient);
  request.set_currency("EUR");
  v1::Order order;
  REQUIRE(f.orders.Create(f.call, request, &order).ok());
  v1::Order out;
  CHECK(sentra::testing::ErrorFields(f.orders.Confirm(f.call, f.At(order), &out)) == std::vector<std::string>{"lines"});
  CHECK(f.repo.state.orders.at(order.id()).state.status() == "draft");
  CHECK(f.EventTypes() == std::vector<std::string>{"order.created"});
}

TEST_CASE("orders are listed by status, client and deal, a page at a time", "[core][orders]") {
  Fixture f;
  const v1::Order a = f.Create();
  const v1::Order b = f.Create(kOtherClient);
  const v1::Order c = f.Create();
  v1::Order out;
  REQUIRE(f.orders.Confirm(f.call, f.At(c), &out).ok());
  v1::ListOrdersRequest request;
  request.set_limit(2);
  v1::ListOrdersResponse page;
  REQUIRE(f.orders.List(f.call, request, &page).ok());
  REQUIRE(page.data_size() == 2);
  REQUIRE(page.has_next_cursor());
  std::set<std::string> seen = {page.data(0).id(), page.data(1).id()};
  request.set_cursor(page.next_cursor());
  REQUIRE(f.orders.List(f.call, request, &page).ok());
  REQUIRE(page.data_size() == 1);
  CHECK(!page.has_next_cursor());
  seen.insert(page.data(0).id());
  CHECK(seen == std::set<std::string>{a.id(), b.id(), c.id()});
  // Newest first, a page at a time, the same three.
  v1::ListOrdersRequest newest;
  newest.set_sort("-created_at");
  newest.set_limit(2);
  REQUIRE(f.orders.List(f.call, newest, &page).ok());
  REQUIRE(page.data_size() == 2);
  std::vector<std::string> newest_ids = {page.data(0).id(), page.data(1).id()};
  newest.set_cursor(page.next_cursor());
  REQUIRE(f.orders.List(f.call, newest, &page).ok());
  REQUIRE(page.data_size() == 1);
  newest_ids.push_back(page.data(0).id());
  CHECK(std::is_sorted(newest_ids.rbegin(), newest_ids.rend()));
  newest.set_sort("created_at");  // the other order's cursor
  CHECK(sentra::testing::ErrorFields(f.orders.List(f.call, newest, &page)) == std::vector<std::string>{"cursor"});
  v1::ListOrdersRequest by_client;
  by_client.set_client_id(kOtherClient);
  REQUIRE(f.orders.List(f.call, by_client, &page).ok());
  CHECK((page.data_size() == 1 && page.data(0).id() == b.id()));
  v1::ListOrdersRequest drafts;
  drafts.set_status("draft");
  REQUIRE(f.orders.List(f.call, drafts, &page).ok());
  CHECK(page.data_size() == 2);
  v1::ListOrdersRequest bad;
  bad.set_status("paid");
  bad.set_deal_id("x");
  CHECK(sentra::testing::ErrorFields(f.orders.List(f.call, bad, &page)) == std::vector<std::string>{"status", "deal_id"});
}

TEST_CASE("a client-portal member reads their own client's confirmed orders, without internal links", "[core][orders][portal]") {
  Fixture f;
  const v1::Order draft = f.Create();
  const v1::Order dropped = f.Create();
  const v1::Order mine = f.Create();
  const v1::Order theirs = f.Create(kOtherClient);
  v1::Order out;
  REQUIRE(f.orders.Confirm(f.call, f.At(mine), &out).ok());
  REQUIRE(f.orders.Confirm(f.call, f.At(theirs), &out).ok());
  REQUIRE(f.orders.Cancel(f.call, f.At(dropped), &out).ok());  // a draft cancelled: never the client's to see
  const CallContext portal{.org_id = f.call.org_id, .user_id = "0190f1c2-3b4a-7def-8123-456789abcd02",
                           .client_id = kClient};
  v1::ListOrdersResponse list;
  REQUIRE(f.orders.ListPortal(portal, {}, &list).ok());
  REQUIRE(list.data_size() == 1);
  CHECK(list.data(0).id() == mine.id());
  REQUIRE(f.orders.GetPortal(portal, mine.id(), &out).ok());
  CHECK(out.owner_id().empty());  // the agency's own
  CHECK(errors::AppCode(f.orders.GetPortal(portal, dropped.id(), &out)) == "NOT_FOUND");
  CHECK(errors::AppCode(f.orders.GetPortal(portal, theirs.id(), &out)) == "NOT_FOUND");
  CHECK(errors::AppCode(f.orders.GetPortal(portal, draft.id(), &out)) == "NOT_FOUND");
  // Staff have no portal.
  CHECK(f.orders.ListPortal(f.call, {}, &list).code() == absl::StatusCode::kPermissionDenied);
}

}  // namespace sentra::core

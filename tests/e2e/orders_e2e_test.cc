// Orders, through the gateway against the real stack: exact totals, drafts
// the only editable orders, confirm / fulfil / cancel and their events,
// notes on orders, and the client portal's view.
#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

namespace {

constexpr char kLines[] =
    R"("lines":[{"description":"Design, hours","quantity":"1.5","unit_price":"10.99","tax_rate":"8.875"},)"
    R"({"description":"Loyalty discount","unit_price":"-5"}])";

std::string Events(const std::string& id) {
  return QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" + id +
                      "'");
}

int DataSize(const Response& r) { return r.Json().fields().at("data").list_value().values_size(); }

}  // namespace

TEST_CASE("orders: priced exactly, edited as drafts, confirmed, fulfilled, with events and notes",
          "[e2e][orders]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string deal =
      PostCreated("/v1/deals", R"({"title":"Site","currency":"USD","client_id":")" + client + R"("})", s.access_token);
  auto created = Post("/v1/orders", R"({"client_id":")" + client + R"(","deal_id":")" + deal +
                                        R"(","currency":"USD",)" + kLines + "}",
                      s.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string id = created.Field("id");
  CHECK(created.Field("status") == "draft");
  CHECK(created.Field("subtotal") == "11.49");
  CHECK(created.Field("tax") == "1.46");
  CHECK(created.Field("total") == "12.95");
  CHECK(created.Field("deal_id") == deal);
  CHECK(QueryStackDb("SELECT total_minor FROM core.orders WHERE id = '" + id + "'") == "1295");
  CHECK(QueryStackDb("SELECT string_agg(subtotal_minor::text, ',' ORDER BY position) FROM core.order_lines "
                     "WHERE order_id = '" + id + "'") == "1649,-500");

  // A draft's lines are replaced, emptied, and given again.
  auto replaced = Patch("/v1/orders/" + id,
                        R"({"version":1,"lines":[{"description":"Hosting","quantity":"12","unit_price":"20"}]})",
                        s.access_token);
  INFO(replaced.body);
  REQUIRE(replaced.status == 200);
  CHECK(replaced.Field("total") == "240.00");
  auto emptied = Patch("/v1/orders/" + id, R"({"lines":[]})", s.access_token);
  CHECK(emptied.Field("total") == "0.00");
  CHECK(QueryStackDb("SELECT count(*) FROM core.order_lines WHERE order_id = '" + id + "'") == "0");
  // Confirming needs a line.
  auto empty_confirm = Post("/v1/orders/" + id + "/confirm", "{}", s.access_token);
  CHECK(empty_confirm.status == 400);
  CHECK(empty_confirm.body.find(R"("field":"lines")") != std::string::npos);
  REQUIRE(Patch("/v1/orders/" + id, std::string("{") + kLines + "}", s.access_token).status == 200);
  CHECK(Patch("/v1/orders/" + id, R"({"owner_id":"","version":1})", s.access_token).Field("error.code") ==
        "VERSION_CONFLICT");

  auto confirmed = Post("/v1/orders/" + id + "/confirm", R"({"version":4})", s.access_token);
  INFO(confirmed.body);
  REQUIRE(confirmed.status == 200);
  CHECK(confirmed.Field("status") == "confirmed");
  CHECK(!confirmed.Field("confirmed_at").empty());
  // Confirmed: no edits, no deletion, no second confirmation.
  auto edit = Patch("/v1/orders/" + id, std::string("{") + kLines + "}", s.access_token);
  CHECK(edit.status == 409);
  CHECK(edit.Field("error.code") == "CONFLICT");
  CHECK(Delete("/v1/orders/" + id, s.access_token).status == 409);
  CHECK(Post("/v1/orders/" + id + "/confirm", "{}", s.access_token).status == 409);
  CHECK(Post("/v1/orders/" + id + "/fulfill", "{}", s.access_token).Field("status") == "fulfilled");
  CHECK(Post("/v1/orders/" + id + "/cancel", "{}", s.access_token).status == 409);
  CHECK(Events(id) == "order.created,order.updated,order.updated,order.updated,order.confirmed,order.fulfilled");

  // Listed by client, deal and status; notes on it like on any record.
  CHECK(Get("/v1/orders?client_id=" + client, s.access_token).body.find(id) != std::string::npos);
  CHECK(Get("/v1/orders?deal_id=" + deal, s.access_token).body.find(id) != std::string::npos);
  CHECK(Get("/v1/orders?status=fulfilled", s.access_token).body.find(id) != std::string::npos);
  CHECK(Get("/v1/orders?status=draft", s.access_token).body.find(id) == std::string::npos);
  const std::string note = PostCreated("/v1/orders/" + id + "/notes", R"({"body":"Shipped"})", s.access_token);
  CHECK(Get("/v1/orders/" + id + "/notes", s.access_token).body.find(note) != std::string::npos);

  // A draft is cancelled or deleted.
  const std::string draft = PostCreated("/v1/orders", R"({"client_id":")" + client + R"(","currency":"JPY"})",
                                        s.access_token);
  CHECK(Post("/v1/orders/" + draft + "/cancel", "{}", s.access_token).Field("status") == "cancelled");
  const std::string doomed = PostCreated("/v1/orders", R"({"client_id":")" + client + R"(","currency":"KWD"})",
                                         s.access_token);
  CHECK(Delete("/v1/orders/" + doomed, s.access_token).status == 204);
  CHECK(Get("/v1/orders/" + doomed, s.access_token).status == 404);
  CHECK(Events(doomed) == "order.created,order.deleted");
  // An archived client's orders go out of sight with it.
  REQUIRE(Post("/v1/clients/" + client + "/archive", "{}", s.access_token).status == 200);
  CHECK(Get("/v1/orders/" + id, s.access_token).status == 404);
}

TEST_CASE("a confirmation repeated with its Idempotency-Key gets the first answer", "[e2e][orders][idempotency]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string id = PostCreated(
      "/v1/orders", R"({"client_id":")" + client + R"(","currency":"USD",)" + kLines + "}", s.access_token);
  const std::string key = "confirm-" + UniqueSuffix();
  const Request confirm{.method = "POST", .target = "/v1/orders/" + id + "/confirm", .body = "{}",
                        .token = s.access_token, .headers = {{"Idempotency-Key", key}}};
  const auto first = Send(confirm);
  REQUIRE(first.status == 200);
  const auto again = Send(confirm);
  CHECK(again.status == 200);
  CHECK(again.body == first.body);
  CHECK(Events(id) == "order.created,order.confirmed");
}

TEST_CASE("a client-portal member sees their own client's confirmed orders", "[e2e][orders][portal]") {
  Session s = SignupNewOrganization();
  const std::string mine = PostCreated("/v1/clients", R"({"name":"Mine"})", s.access_token);
  const std::string theirs = PostCreated("/v1/clients", R"({"name":"Theirs"})", s.access_token);
  const auto order_for = [&](const std::string& client) {
    return PostCreated("/v1/orders", R"({"client_id":")" + client + R"(","currency":"EUR",)" + kLines + "}",
                       s.access_token);
  };
  const std::string confirmed = order_for(mine), draft = order_for(mine), other = order_for(theirs);
  const std::string dropped = order_for(mine);
  REQUIRE(Post("/v1/orders/" + confirmed + "/confirm", "{}", s.access_token).status == 200);
  REQUIRE(Post("/v1/orders/" + other + "/confirm", "{}", s.access_token).status == 200);
  REQUIRE(Post("/v1/orders/" + dropped + "/cancel", "{}", s.access_token).status == 200);
  Session portal = InviteAndAccept(s, NewEmail("orders-portal"), "client", R"(,"client_id":")" + mine + R"(")");

  const auto list = Get("/v1/portal/orders", portal.access_token);
  INFO(list.body);
  REQUIRE(list.status == 200);
  CHECK(DataSize(list) == 1);
  CHECK(list.body.find(confirmed) != std::string::npos);
  CHECK(Get("/v1/portal/orders/" + confirmed, portal.access_token).Field("total") == "12.95");
  CHECK(Get("/v1/portal/orders/" + draft, portal.access_token).status == 404);
  CHECK(Get("/v1/portal/orders/" + dropped, portal.access_token).status == 404);  // never confirmed
  CHECK(Get("/v1/portal/orders/" + confirmed, portal.access_token).Field("owner_id").empty());
  CHECK(Get("/v1/portal/orders/" + other, portal.access_token).status == 404);
  // The staff routes are not theirs, and the portal's are not staff's.
  CHECK(Get("/v1/orders/" + confirmed, portal.access_token).status == 403);
  CHECK(Post("/v1/orders/" + draft + "/confirm", "{}", portal.access_token).status == 403);
  CHECK(Get("/v1/portal/orders", s.access_token).status == 403);
}

TEST_CASE("order input is checked field by field and writes nothing", "[e2e][orders][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string id = PostCreated(
      "/v1/orders", R"({"client_id":")" + client + R"(","currency":"USD",)" + kLines + "}", s.access_token);
  const std::string base = R"({"client_id":")" + client + R"(","currency":"USD")";
  const auto line = [](const std::string& members) { return R"(,"lines":[{)" + members + "}]}"; };
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/orders", R"({"currency":"USD"})", "client_id"},
      {"POST", "/v1/orders", R"({"client_id":")" + client + R"("})", "currency"},
      {"POST", "/v1/orders", R"({"client_id":")" + client + R"(","currency":"XXX"})", "currency"},
      {"POST", "/v1/orders", base + line(R"("unit_price":"1")"), "lines[0].description"},
      {"POST", "/v1/orders", base + line(R"("description":"x")"), "lines[0].unit_price"},
      {"POST", "/v1/orders", base + line(R"("description":"x","unit_price":"1.001")"), "lines[0].unit_price"},
      {"POST", "/v1/orders", base + line(R"("description":"x","unit_price":"1","quantity":"0")"), "lines[0].quantity"},
      {"POST", "/v1/orders", base + line(R"("description":"x","unit_price":"1","quantity":"-2")"), "lines[0].quantity"},
      {"POST", "/v1/orders", base + line(R"("description":"x","unit_price":"1","tax_rate":"101")"), "lines[0].tax_rate"},
      {"POST", "/v1/orders", base + line(R"("description":"x","unit_price":"-1")"), "lines"},
      {"POST", "/v1/orders", base + line(R"("description":"x","unit_price":"92233720368547758.07","quantity":"2")"),
       "lines[0].unit_price"},
      {"POST", "/v1/orders", base + R"(,"lines":"many"})", "lines"},
      {"POST", "/v1/orders", base + R"(,"lines":{"description":"x","unit_price":"1"}})", "lines"},
      {"POST", "/v1/orders", base + R"(,"lines":[null]})", "lines[0]"},
      {"POST", "/v1/orders", base + R"(,"lines":[{"description":"x","unit_price":1}]})", "lines[0].unit_price"},
      {"POST", "/v1/orders", base + R"(,"lines":[{"description":"x","unit_price":"1","colour":"red"}]})",
       "lines[0].colour"},
      {"POST", "/v1/orders", base + R"(,"tags":"vip"})", "tags"},
      {"POST", "/v1/orders", base + R"(,"deal_id":"nope"})", "deal_id"},
      {"POST", "/v1/orders", base + R"(,"deal_id":"0190f1c2-3b4a-7def-8123-000000000000"})", "deal_id"},
      {"POST", "/v1/orders", R"({"client_id":"0190f1c2-3b4a-7def-8123-000000000000","currency":"USD"})", "client_id"},
      {"PATCH", "/v1/orders/" + id, R"({"currency":"JPY"})", "lines"},
      {"PATCH", "/v1/orders/" + id, R"({"lines":[{"description":"x","unit_price":"0.001"}]})", "lines[0].unit_price"},
      {"PATCH", "/v1/orders/" + id, R"({"body_fields":["lines"]})", "body_fields"},
      {"PATCH", "/v1/orders/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/orders/nope", R"({"lines":[]})", "id"},
      {"POST", "/v1/orders/nope/confirm", "{}", "id"},
      {"POST", "/v1/orders/" + id + "/cancel", R"({"version":-1})", "version"},
      {"GET", "/v1/orders?status=paid", "", "status"},
      {"GET", "/v1/orders?client_id=x", "", "client_id"},
      {"GET", "/v1/orders?limit=0", "", "limit"},
      {"GET", "/v1/orders/nope", "", "id"},
      {"POST", "/v1/orders/nope/notes", R"({"body":"x"})", "parent_id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  std::string too_many = base + R"(,"lines":[)";
  for (int i = 0; i < 201; ++i) too_many += std::string(i ? "," : "") + R"({"description":"x","unit_price":"1"})";
  auto res = Post("/v1/orders", too_many + "]}", s.access_token);
  CHECK(res.status == 400);
  CHECK(res.body.find(R"("field":"lines")") != std::string::npos);
  // 200 lines each with the same mistake: the first 20 named, not a 500
  // from an answer too large for gRPC's trailers.
  std::string all_wrong = base + R"(,"lines":[)";
  for (int i = 0; i < 200; ++i) all_wrong += std::string(i ? "," : "") + R"({"description":"x","unit_price":"12,50"})";
  auto wrong = Post("/v1/orders", all_wrong + "]}", s.access_token);
  CHECK(wrong.status == 400);
  CHECK(wrong.Field("error.code") == "VALIDATION_ERROR");
  CHECK(wrong.body.find(R"("field":"lines[0].unit_price")") != std::string::npos);
  CHECK(wrong.body.find(R"("field":"lines[19].unit_price")") != std::string::npos);
  CHECK(wrong.body.find(R"("field":"lines[20].unit_price")") == std::string::npos);
  CHECK(QueryStackDb("SELECT count(*) FROM core.orders WHERE client_id = '" + client + "'") == "1");
  CHECK(Get("/v1/orders/" + id, s.access_token).Field("version") == "1");
  CHECK(Events(id) == "order.created");
}

TEST_CASE("a page of orders with long lines stays a few MiB and goes on with a cursor", "[e2e][orders]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  // 200 lines of 1,000 four-byte characters: about 0.8 MB an order.
  std::string emoji;
  for (int i = 0; i < 1000; ++i) emoji += "\xF0\x9F\x98\x80";
  std::string lines;
  for (int i = 0; i < 200; ++i) lines += std::string(i ? "," : "") + R"({"description":")" + emoji + R"(","unit_price":"1"})";
  for (int i = 0; i < 4; ++i) {
    REQUIRE(Post("/v1/orders", R"({"client_id":")" + client + R"(","currency":"USD","lines":[)" + lines + "]}",
                 s.access_token)
                .status == 201);
  }
  std::size_t seen = 0;
  int pages = 0;
  std::string cursor;
  do {
    const auto page = Get("/v1/orders?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), s.access_token);
    INFO(page.status << " " << page.body.substr(0, 300));
    REQUIRE(page.status == 200);
    CHECK(page.body.size() < 4 * 1024 * 1024);
    seen += static_cast<std::size_t>(page.Json().fields().at("data").list_value().values_size());
    cursor = page.Field("next_cursor");
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(seen == 4);
  CHECK(pages > 1);
}

// Every list, filled with rows as large as a tenant may write, reads at most
// one page's byte budget from PostgreSQL per request (sentra/db/page_budget.h).
// Measured where it matters, by the services themselves (ServiceInfo's
// statement reads), so that nothing the gateway trims afterwards can hide
// what was read. Before the budget, one page of 200 such orders read ~160 MB
// into core and kept it there.
#include <catch2/catch.hpp>
#include <set>

#include "sentra/testing/wait.h"
#include "service_info.h"
#include "stack.h"

using namespace sentra::e2e;

namespace {

constexpr std::int64_t kPageBytes = 1 << 20;  // db::kPageBytes

// Rows of `count` (220) with ~20 KB each, but every 70th ~900 KB: what one
// 1 MiB request body can write. "€" is three bytes.
constexpr char kEssay[] = "repeat('€', CASE WHEN n % 70 = 0 THEN 300000 ELSE 6000 END)";
constexpr int kRows = 220;

std::string Rows() { return " FROM generate_series(1, " + std::to_string(kRows) + ") n"; }

// The page at `target`: REQUIREs 200; how many items it has and whether it
// has a next cursor.
std::pair<int, bool> Page(const std::string& target, const std::string& token) {
  auto res = Get(target, token);
  INFO(target << " " << res.status << " " << res.body.substr(0, 300));
  REQUIRE(res.status == 200);
  const auto json = res.Json();
  return {json.fields().at("data").list_value().values_size(), json.fields().contains("next_cursor")};
}

// Every id a list walks to, checked to be distinct.
std::size_t DistinctIds(const std::string& target, const std::string& token) {
  const auto ids = ListAll(target, "id", token, 200);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  return ids.size();
}

}  // namespace

TEST_CASE("every list reads at most one page budget from PostgreSQL, however large its rows", "[e2e][slow]") {
  Session s = SignupNewOrganization();
  const std::string& token = s.access_token;
  const std::string org = "'" + s.org_id + "'";
  const std::string me = "'" + s.user_id + "'";
  const std::string client = PostCreated("/v1/clients", R"({"name":"Big Rows Ltd"})", token);
  const std::string lead = PostCreated("/v1/leads", R"({"name":"Big Rows Lead"})", token);
  const std::string deal = PostCreated(
      "/v1/deals", R"({"title":"Big deal","client_id":")" + client + R"(","value":"1.00","currency":"EUR"})", token);
  const std::string big_fields = std::string("jsonb_build_object('essay', ") + kEssay + ")";
  const std::string fifty_tags = "ARRAY(SELECT 'tag ' || t || repeat('ü', 44) FROM generate_series(1, 50) t)";

  // As the superuser, straight into core's tables (the triggers keep each
  // row's listed_bytes as they do for the API's writes; they name core's
  // tables as its own role sees them).
  const auto core = [](const std::string& sql) { ExecStackDb("SET search_path TO core; " + sql); };
  core("INSERT INTO core.leads (id, org_id, name, source, status, notes, custom_fields, tags) "
              "SELECT gen_random_uuid(), " + org + ", 'Lead ' || n || repeat('é', 190), 'manual', 'new', "
              "repeat('€', 3333), " + big_fields + ", " + fifty_tags + Rows());
  core("INSERT INTO core.clients (id, org_id, kind, name, notes, custom_fields, tags) "
              "SELECT gen_random_uuid(), " + org + ", 'company', 'Client ' || n || repeat('é', 190), "
              "repeat('€', 3333), " + big_fields + ", " + fifty_tags + Rows());
  core("INSERT INTO core.contacts (org_id, id, client_id, name, title, custom_fields, tags) "
              "SELECT " + org + ", gen_random_uuid(), '" + client + "', 'Contact ' || n || repeat('é', 190), "
              "repeat('é', 200), " + big_fields + ", " + fifty_tags + Rows());
  core("INSERT INTO core.deals (org_id, id, client_id, pipeline_id, stage_id, title, currency, status, "
              "custom_fields, tags) SELECT d.org_id, gen_random_uuid(), d.client_id, d.pipeline_id, d.stage_id, "
              "'Deal ' || n || repeat('é', 190), 'EUR', 'open', " + big_fields + ", " + fifty_tags +
              " FROM core.deals d, generate_series(1, " + std::to_string(kRows) + ") n WHERE d.id = '" + deal + "'");
  // A deal moved 5,000 times, its history counted as the repository counts it.
  core("INSERT INTO core.deal_stage_history (org_id, deal_id, stage_id) SELECT org_id, id, stage_id "
              "FROM core.deals, generate_series(1, 5000) WHERE id = '" + deal + "'; "
              "UPDATE core.deals SET history_bytes = 56 * 5001 WHERE id = '" + deal + "'");
  // Confirmed orders of 20 lines of 3 KB, and three of 200 lines.
  core("INSERT INTO core.orders (org_id, id, client_id, currency, status, confirmed_at, custom_fields, tags) "
              "SELECT " + org + ", gen_random_uuid(), '" + client + "', 'EUR', 'confirmed', now(), '{}', " +
              fifty_tags + Rows() + "; "
              "INSERT INTO core.order_lines (org_id, order_id, position, description, quantity_micros, "
              "unit_price_minor, tax_rate_ten_thousandths, subtotal_minor, tax_minor, total_minor) "
              "SELECT o.org_id, o.id, p, repeat('€', 1000), 1000000, 100, 0, 100, 0, 100 FROM core.orders o, "
              "generate_series(1, 200) p WHERE o.org_id = " + org + " AND (p <= 20 OR o.id IN "
              "(SELECT id FROM core.orders WHERE org_id = " + org + " ORDER BY id LIMIT 3)); "
              "UPDATE core.orders o SET lines_bytes = (SELECT sum(listed_bytes) FROM core.order_lines l "
              "WHERE l.org_id = o.org_id AND l.order_id = o.id) WHERE o.org_id = " + org);
  core("INSERT INTO core.notes (org_id, id, parent_type, parent_id, body, author_id) "
              "SELECT " + org + ", gen_random_uuid(), 'lead', '" + lead + "', repeat('€', 3333), " + me + Rows());
  core("INSERT INTO core.tasks (org_id, id, title, description, due_at, assignee_id, priority, status, "
              "created_by) SELECT " + org + ", gen_random_uuid(), 'Task ' || n || repeat('é', 190), "
              "repeat('€', 3333), now() + n * interval '1 hour', " + me + ", 'normal', 'open', " + me + Rows());
  core("INSERT INTO core.timeline_items (org_id, id, client_id, occurred_at, type, summary, ref_type, ref_id) "
              "SELECT " + org + ", gen_random_uuid(), '" + client + "', now() - n * interval '1 second', "
              "'note.created', repeat('€', 3333), 'note', gen_random_uuid()" + Rows());

  // The organization's own lists, each as full as its limits allow: 50
  // pipelines of 30 long-named stages, 100 brands, 50 custom roles with every
  // permission, and 220 members (each with access to all 100 brands) and API keys.
  core("INSERT INTO core.pipelines (id, org_id, name) SELECT gen_random_uuid(), " + org +
       ", 'Pipeline ' || n || repeat('€', 95) FROM generate_series(1, 49) n; "
       "INSERT INTO core.pipeline_stages (id, org_id, pipeline_id, name, position, probability, kind) "
       "SELECT gen_random_uuid(), p.org_id, p.id, 'Stage ' || s || repeat('€', 95), s, 50, 'open' "
       "FROM core.pipelines p, generate_series(1, 30) s WHERE p.org_id = " + org + " AND NOT p.is_default");
  const auto auth = [](const std::string& sql) { ExecStackDb("SET search_path TO auth; " + sql); };
  auth("INSERT INTO auth.brands (id, org_id, name, slug, domain, sender_name, sender_email) "
       "SELECT gen_random_uuid(), " + org + ", 'Brand ' || n || repeat('€', 95), 'brand-' || n || '-' || "
       "substr(md5(random()::text), 1, 20), 'brand' || n || '-' || substr(md5(" + org + "::text), 1, 8) || "
       "'.' || repeat('x', 200) || '.example', repeat('é', 100), 'sender-' || n || '@' || repeat('x', 60) || "
       "'.example' FROM generate_series(1, 100) n");
  auth("INSERT INTO auth.roles (id, org_id, name, description, permissions) SELECT gen_random_uuid(), " + org +
       ", 'role-' || n, repeat('€', 500), ARRAY(SELECT 'resource' || p || ':manage' FROM generate_series(1, 60) p) "
       "FROM generate_series(1, 50) n");
  auth("INSERT INTO auth.users (id, email, name) SELECT gen_random_uuid(), 'member-' || n || '-' || " + org +
       " || '@' || repeat('x', 100) || '.example', 'Member ' || n || repeat('€', 190) FROM generate_series(1, 220) n; "
       "INSERT INTO auth.memberships (org_id, user_id, role, brand_ids) SELECT " + org + ", u.id, 'agent', "
       "ARRAY(SELECT id FROM auth.brands WHERE org_id = " + org + ") FROM auth.users u WHERE u.email LIKE "
       "'member-%-' || " + org + " || '@%'");
  auth("INSERT INTO auth.api_keys (id, org_id, created_by, name, prefix, secret_hash, permissions) "
       "SELECT gen_random_uuid(), " + org + ", " + me + ", 'Key ' || n || repeat('€', 95), 'sk_live_' || n, "
       "decode(md5(random()::text || n), 'hex'), ARRAY(SELECT 'resource' || p || ':manage' FROM generate_series(1, 60) p) "
       "FROM generate_series(1, 220) n");
  for (const char* target : {"/v1/pipelines", "/v1/brands?limit=200", "/v1/roles", "/v1/users?limit=200",
                             "/v1/api-keys?limit=200"}) {
    Page(target, token);
  }

  // A page stops at the budget, well before 200 of these, and says where to go on.
  for (const char* target : {"/v1/leads?limit=200", "/v1/leads?limit=200&sort=name", "/v1/leads?limit=200&sort=-name",
                             "/v1/leads?limit=200&sort=-created_at", "/v1/clients?limit=200",
                             "/v1/clients?limit=200&sort=-name", "/v1/deals?limit=200",
                             "/v1/orders?limit=200&sort=-created_at", "/v1/tasks?limit=200&sort=due_at"}) {
    const auto [items, more] = Page(target, token);
    INFO(target << ": " << items << " items");
    CHECK(items < 200);
    CHECK(more);
  }
  for (const std::string& target :
       {"/v1/clients/" + client + "/contacts?limit=200", "/v1/clients/" + client + "/contacts?limit=200&sort=name",
        "/v1/deals?limit=200&client_id=" + client, "/v1/leads/" + lead + "/notes?limit=200",
        "/v1/clients/" + client + "/timeline?limit=200", std::string("/v1/tags?limit=200")}) {
    Page(target, token);
  }
  // Walked to the end, a list cut by bytes still shows every record once.
  CHECK(DistinctIds("/v1/leads", token) == kRows + 1);
  CHECK(DistinctIds("/v1/orders?client_id=" + client, token) == kRows);
  // The client's own portal, as its member.
  const Session member = InviteAndAccept(s, NewEmail("portal"), "client", R"(,"client_id":")" + client + R"(")");
  CHECK(DistinctIds("/v1/portal/orders", member.access_token) == kRows);

  // What the services read: no list statement ever read more than a page's
  // budget in one result, in this test or any other of the run so far.
  std::map<std::string, StatementRead> reads = StatementReads(Env("SENTRA_TEST_CORE_ADDR"));
  for (const auto& [statement, read] : StatementReads(Env("SENTRA_TEST_AUTH_ADDR"))) reads[statement] = read;
  for (const auto& [statement, read] : reads) {
    const bool listed = statement.find(".list_") != std::string::npos || statement == "core.order_lines" ||
                        statement == "relay.ready";
    if (!listed) continue;
    INFO(statement << ": " << read.results << " results, the largest " << read.largest_bytes << " bytes");
    CHECK(read.largest_bytes <= kPageBytes);
  }
  // Each statement behind the pages above ran, and the largest rows met
  // the budget, not merely stayed below it.
  for (const char* statement :
       {"core.list_leads_id_asc", "core.list_leads_id_desc", "core.list_leads_name_asc", "core.list_leads_name_desc",
        "core.list_clients", "core.list_clients_by_name_desc", "core.list_contacts", "core.list_contacts_by_name",
        "core.list_deals", "core.list_orders", "core.list_orders_desc", "core.order_lines", "core.list_notes",
        "core.list_tasks_by_due", "core.list_timeline", "core.list_tags", "core.list_pipelines", "core.list_stages",
        "auth.list_brands", "auth.list_roles", "auth.list_members", "auth.list_api_keys", "relay.ready"}) {
    INFO(statement);
    CHECK(reads[statement].results > 0);
  }
  CHECK(reads["core.order_lines"].largest_bytes > kPageBytes / 2);
  CHECK(reads["core.list_leads_id_asc"].largest_bytes > kPageBytes / 2);
}

TEST_CASE("what an order's lines and a deal's history add to its row is counted as they change", "[e2e]") {
  Session s = SignupNewOrganization();
  const std::string& token = s.access_token;
  const std::string client = PostCreated("/v1/clients", R"({"name":"Counted Ltd"})", token);
  const auto lines_counted = [](const std::string& order) {
    return QueryStackDb("SELECT o.lines_bytes = (SELECT coalesce(sum(l.listed_bytes), 0) FROM core.order_lines l "
                        "WHERE l.org_id = o.org_id AND l.order_id = o.id) AND (o.lines_bytes > 0) = EXISTS "
                        "(SELECT 1 FROM core.order_lines l WHERE l.order_id = o.id) FROM core.orders o WHERE o.id = '" +
                        order + "'");
  };
  const std::string order = PostCreated(
      "/v1/orders",
      R"({"client_id":")" + client + R"(","currency":"EUR","lines":[{"description":"Design","unit_price":"10"},)"
      R"({"description":"Build","quantity":"2","unit_price":"20"}]})",
      token);
  CHECK(lines_counted(order) == "true");
  CHECK(QueryStackDb("SELECT lines_bytes > 0 FROM core.orders WHERE id = '" + order + "'") == "true");
  REQUIRE(Patch("/v1/orders/" + order, R"({"lines":[{"description":")" + std::string(500, 'x') +
                                            R"(","unit_price":"1"}]})",
                token)
              .status == 200);
  CHECK(lines_counted(order) == "true");
  REQUIRE(Patch("/v1/orders/" + order, R"({"lines":[]})", token).status == 200);
  CHECK(lines_counted(order) == "true");
  CHECK(QueryStackDb("SELECT lines_bytes FROM core.orders WHERE id = '" + order + "'") == "0");

  auto deal = Post("/v1/deals", R"({"title":"Moves","client_id":")" + client + R"(","value":"1","currency":"EUR"})",
                   token);
  REQUIRE(deal.status == 201);
  const auto stages = Get("/v1/pipelines/" + deal.Field("pipeline_id"), token).Json();
  std::vector<std::string> stage_ids;
  for (const auto& stage : stages.fields().at("stages").list_value().values()) {
    stage_ids.push_back(stage.struct_value().fields().at("id").string_value());
  }
  REQUIRE(stage_ids.size() >= 3);
  for (const std::size_t to : {1u, 2u, 1u}) {
    REQUIRE(Patch("/v1/deals/" + deal.Field("id"), R"({"stage_id":")" + stage_ids[to] + R"("})", token).status == 200);
  }
  // The entry it was created with and three moves, each "<stage id> <micros>,".
  CHECK(QueryStackDb("SELECT history_bytes FROM core.deals WHERE id = '" + deal.Field("id") + "'") == "224");
  CHECK(QueryStackDb("SELECT count(*) FROM core.deal_stage_history WHERE deal_id = '" + deal.Field("id") + "'") == "4");
}

TEST_CASE("an organization's pipelines, brands and custom roles are bounded, as their lists are read whole",
          "[e2e]") {
  Session s = SignupNewOrganization();
  const std::string& token = s.access_token;
  const std::string org = "'" + s.org_id + "'";
  // The default pipeline is made on sign-up, a moment later.
  REQUIRE(sentra::testing::WaitFor(
      [&] { return QueryStackDb("SELECT count(*) FROM core.pipelines WHERE org_id = " + org) == "1"; }));
  ExecStackDb("INSERT INTO core.pipelines (id, org_id, name) SELECT gen_random_uuid(), " + org +
              ", 'Pipeline ' || n FROM generate_series(1, 49) n; "
              "INSERT INTO auth.brands (id, org_id, name, slug) SELECT gen_random_uuid(), " + org +
              ", 'Brand ' || n, 'brand-' || n FROM generate_series(1, 100) n; "
              "INSERT INTO auth.roles (id, org_id, name, permissions) SELECT gen_random_uuid(), " + org +
              ", 'role-' || n, '{leads:read}' FROM generate_series(1, 50) n");
  const auto refused = [&](const std::string& target, const std::string& body, const std::string& what) {
    auto res = Post(target, body, token);
    INFO(target << " " << res.body);
    CHECK(res.status == 409);
    CHECK(res.Field("error.code") == "CONFLICT");
    CHECK(res.Field("error.message").find(what) != std::string::npos);
  };
  refused("/v1/pipelines", R"({"name":"One more","stages":[{"name":"In","probability":10,"kind":"open"}]})",
          "50 pipelines");
  refused("/v1/brands", R"({"name":"One more"})", "100 brands");
  refused("/v1/roles", R"({"name":"one-more","permissions":["leads:read"]})", "50 custom roles");
  // One gone makes room.
  const std::string brand = QueryStackDb("SELECT id FROM auth.brands WHERE org_id = " + org + " LIMIT 1");
  REQUIRE(Delete("/v1/brands/" + brand, token).status == 204);
  CHECK(Post("/v1/brands", R"({"name":"One more"})", token).status == 201);
}

// Tags through the gateway against the real stack: on every record type,
// the vocabulary filled by use, a rename and a deletion reaching every record.
#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

namespace {

std::vector<std::string> Tags(const Response& r) {
  std::vector<std::string> tags;
  const auto json = r.Json();
  const auto it = json.fields().find("tags");
  if (it == json.fields().end()) return tags;
  for (const auto& v : it->second.list_value().values()) tags.push_back(v.string_value());
  return tags;
}

// The vocabulary's id of `name`, or "".
std::string TagId(const Session& s, const std::string& name) {
  const auto list = Get("/v1/tags?limit=200", s.access_token).Json();
  for (const auto& v : list.fields().at("data").list_value().values()) {
    const auto& tag = v.struct_value().fields();
    if (tag.at("name").string_value() == name) return tag.at("id").string_value();
  }
  return "";
}

}  // namespace

TEST_CASE("tags: on every record type, in the vocabulary by use, renamed and deleted everywhere",
          "[e2e][tags]") {
  Session s = SignupNewOrganization();
  const std::string lead = PostCreated("/v1/leads", R"({"name":"Ada","tags":[" VIP ","vip","Fair"]})", s.access_token);
  CHECK(Tags(Get("/v1/leads/" + lead, s.access_token)) == std::vector<std::string>{"VIP", "Fair"});
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme","tags":["vip"]})", s.access_token);
  const std::string contact =
      PostCreated("/v1/clients/" + client + "/contacts", R"({"name":"Grace","tags":["Fair"]})", s.access_token);
  const std::string deal = PostCreated(
      "/v1/deals", R"({"title":"Site","currency":"EUR","client_id":")" + client + R"(","tags":["VIP"]})",
      s.access_token);
  const std::string order = PostCreated(
      "/v1/orders", R"({"currency":"EUR","client_id":")" + client + R"(","tags":["Rush"]})", s.access_token);
  // PATCH replaces the list when it is sent; "tags": [] empties it.
  CHECK(Tags(Patch("/v1/leads/" + lead, R"({"tags":["VIP"]})", s.access_token)) == std::vector<std::string>{"VIP"});
  CHECK(Tags(Patch("/v1/contacts/" + contact, R"({"tags":[]})", s.access_token)).empty());
  CHECK(Tags(Patch("/v1/contacts/" + contact, R"({"name":"Grace Hopper"})", s.access_token)).empty());
  CHECK(Tags(Patch("/v1/orders/" + order, R"({"tags":["Rush","vip"]})", s.access_token)) ==
        std::vector<std::string>{"Rush", "vip"});

  // The vocabulary has each once, whatever the case it was used in.
  const std::string vip = TagId(s, "VIP");
  REQUIRE(!vip.empty());
  CHECK(TagId(s, "Fair") != "");
  CHECK(TagId(s, "vip").empty());
  CHECK(Post("/v1/tags", R"({"name":"vip"})", s.access_token).status == 409);

  // Renamed: on every record; deleted: from every record.
  auto renamed = Patch("/v1/tags/" + vip, R"({"name":"Key account","color":"#FFAA00"})", s.access_token);
  INFO(renamed.body);
  REQUIRE(renamed.status == 200);
  CHECK(renamed.Field("color") == "#ffaa00");
  CHECK(Tags(Get("/v1/leads/" + lead, s.access_token)) == std::vector<std::string>{"Key account"});
  CHECK(Tags(Get("/v1/clients/" + client, s.access_token)) == std::vector<std::string>{"Key account"});
  CHECK(Tags(Get("/v1/deals/" + deal, s.access_token)) == std::vector<std::string>{"Key account"});
  CHECK(Tags(Get("/v1/orders/" + order, s.access_token)) == std::vector<std::string>{"Rush", "Key account"});
  CHECK(Delete("/v1/tags/" + TagId(s, "Rush"), s.access_token).status == 204);
  CHECK(Tags(Get("/v1/orders/" + order, s.access_token)) == std::vector<std::string>{"Key account"});

  // Agents read the vocabulary and tag records; managing it is a manager's.
  Session agent = InviteAndAccept(s, NewEmail("tags-agent"), "agent");
  CHECK(Get("/v1/tags", agent.access_token).status == 200);
  CHECK(Patch("/v1/tags/" + vip, R"({"name":"Mine"})", agent.access_token).status == 403);
}

TEST_CASE("tag input is checked field by field and writes nothing", "[e2e][tags][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string id = PostCreated("/v1/tags", R"({"name":"Valid"})", s.access_token);
  std::string many = R"({"name":"X","tags":[)";
  for (int i = 0; i < 51; ++i) many += std::string(i ? "," : "") + "\"t" + std::to_string(i) + "\"";
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/tags", R"({})", "name"},
      {"POST", "/v1/tags", R"({"name":")" + std::string(51, 'x') + R"("})", "name"},
      {"POST", "/v1/tags", R"({"name":"X","color":"red"})", "color"},
      {"PATCH", "/v1/tags/" + id, R"({"name":""})", "name"},
      {"PATCH", "/v1/tags/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/tags/nope", R"({"name":"X"})", "id"},
      {"POST", "/v1/leads", R"({"name":"X","tags":[""]})", "tags[0]"},
      {"POST", "/v1/clients", many + "]}", "tags"},
      {"PATCH", "/v1/tags/" + id, R"({"body_fields":[]})", "body_fields"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(QueryStackDb("SELECT count(*) FROM core.tags WHERE org_id = '" + s.org_id + "'") == "1");
}

// Custom fields: the definitions' own checks, a record's values checked
// against them (types, options, required, unknown keys, merging on update),
// and the definitions' logic on a fake store.
#include <catch2/catch.hpp>
#include <google/protobuf/util/json_util.h>

#include <map>

#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/testing/fake_repository.h"
#include "src/custom_field_rules.h"
#include "src/custom_fields.h"

namespace sentra::core {
namespace {

using google::protobuf::Struct;

Struct Json(const std::string& json) {
  Struct s;
  REQUIRE(google::protobuf::util::JsonStringToMessage(json, &s).ok());
  return s;
}

v1::CustomField Field(const std::string& key, const std::string& type, bool required = false,
                      std::vector<std::string> options = {}) {
  v1::CustomField f;
  f.set_entity("client");
  f.set_key(key);
  f.set_label(key);
  f.set_type(type);
  f.set_required(required);
  for (auto& o : options) f.add_options(o);
  return f;
}

std::map<std::string, std::string> Problems(const absl::Status& status) {
  std::map<std::string, std::string> out;
  for (const auto& e : errors::FieldErrors(status)) out[e.field] = e.message;
  return out;
}

const std::vector<v1::CustomField> kFields = {
    Field("industry", "select", true, {"retail", "saas"}), Field("employees", "number"),
    Field("founded", "date"), Field("vip", "boolean"), Field("channels", "multiselect", false, {"email", "phone"}),
    Field("about", "text")};

class FakeCustomFieldQueries final : public CustomFieldQueries {
 public:
  absl::StatusOr<bool> List(const CustomFieldFilter& filter, std::vector<v1::CustomField>* out) override {
    std::map<std::string, const v1::CustomField*> by_position;  // "<entity>/<key>"
    for (const auto& [id, f] : fields) {
      if (filter.entity.empty() || f.entity() == filter.entity) by_position[f.entity() + "/" + f.key()] = &f;
    }
    auto it = filter.page.page.after_id.empty() ? by_position.begin() : by_position.upper_bound(filter.page.after_key);
    for (; it != by_position.end() && static_cast<int>(out->size()) <= filter.page.page.limit; ++it) {
      out->push_back(*it->second);
    }
    return false;  // no byte budget here: the extra item tells
  }
  absl::StatusOr<int> ChangeDefinitions(std::string_view entity) override {
    ++versions[std::string(entity)];
    int live = 0;
    for (const auto& [id, f] : fields) live += f.entity() == entity ? 1 : 0;
    return live;
  }
  absl::StatusOr<std::optional<v1::CustomField>> Insert(std::string_view id, const v1::CustomField& v) override {
    for (const auto& [other, f] : fields) {
      if (f.entity() == v.entity() && f.key() == v.key()) return std::optional<v1::CustomField>();
    }
    v1::CustomField& stored = fields[std::string(id)];
    stored = v;
    stored.set_id(std::string(id));
    stored.set_version(1);
    return stored;
  }
  absl::StatusOr<std::optional<v1::CustomField>> Find(std::string_view id) override {
    auto it = fields.find(std::string(id));
    if (it == fields.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<std::optional<v1::CustomField>> Lock(std::string_view id) override { return Find(id); }
  absl::StatusOr<v1::CustomField> Update(std::string_view id, const v1::CustomField& v) override {
    v1::CustomField& stored = fields.at(std::string(id));
    const int version = stored.version();
    stored = v;
    stored.set_version(version + 1);
    return stored;
  }
  absl::StatusOr<std::optional<v1::CustomField>> Archive(std::string_view id) override {
    auto found = Find(id);
    fields.erase(std::string(id));
    return found;
  }
  std::map<std::string, v1::CustomField> fields;
  std::map<std::string, int> versions;  // by record type: changes made
};

}  // namespace

TEST_CASE("a record's custom fields are checked against the definitions, naming custom_fields.<key>",
          "[core][custom_fields]") {
  Struct out;
  REQUIRE(CheckCustomFields("client", kFields,
                            Json(R"({"industry":"saas","employees":12,"founded":"2019-02-28","vip":true,)"
                                 R"("channels":["email","phone"],"about":"Long-standing"})"),
                            nullptr, &out)
              .ok());
  CHECK(out.fields_size() == 6);

  const auto bad = CheckCustomFields(
      "client", kFields,
      Json(R"({"industry":"mining","employees":"12","founded":"2019-02-30","vip":"yes","channels":["fax"],)"
           R"("colour":"red"})"),
      nullptr, &out);
  CHECK(Problems(bad) == std::map<std::string, std::string>{
                             {"custom_fields.channels", "must be a list of: email, phone"},
                             {"custom_fields.colour", "is not a custom field of clients"},
                             {"custom_fields.employees", "must be a number"},
                             {"custom_fields.founded", "must be a date, YYYY-MM-DD"},
                             {"custom_fields.industry", "must be one of: retail, saas"},
                             {"custom_fields.vip", "must be true or false"}});
  CHECK(Problems(CheckCustomFields("client", kFields, Json("{}"), nullptr, &out)) ==
        std::map<std::string, std::string>{{"custom_fields.industry", "is required"}});
  CHECK(Problems(CheckCustomFields("client", kFields, Json(R"({"industry":"saas","channels":["email","email"]})"),
                                   nullptr, &out))
            .contains("custom_fields.channels"));
}

TEST_CASE("an update merges: a key set, null removes one, fields no longer defined go", "[core][custom_fields]") {
  const Struct current = Json(R"({"industry":"retail","vip":true,"retired":"old"})");
  Struct out;
  REQUIRE(CheckCustomFields("client", kFields, Json(R"({"vip":null,"employees":3})"), &current, &out).ok());
  CHECK(out.fields_size() == 2);
  CHECK(out.fields().at("employees").number_value() == 3);
  CHECK(out.fields().at("industry").string_value() == "retail");
  // A value that no longer fits its field (defined again with another type) goes.
  const Struct retyped = Json(R"({"industry":"retail","employees":"many"})");
  REQUIRE(CheckCustomFields("client", kFields, Json("{}"), &retyped, &out).ok());
  CHECK_FALSE(out.fields().contains("employees"));
  // A required field cannot be removed.
  CHECK(Problems(CheckCustomFields("client", kFields, Json(R"({"industry":null})"), &current, &out)) ==
        std::map<std::string, std::string>{{"custom_fields.industry", "is required"}});
}

TEST_CASE("definitions: keys, types and options are checked, a key is one field's per record type",
          "[core][custom_fields]") {
  sentra::testing::FakeRepository<CustomFieldQueries, FakeCustomFieldQueries> repo;
  CustomFieldLogic logic(repo);
  const service::CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef"};
  v1::CreateCustomFieldRequest bad;
  bad.set_entity("invoice");
  bad.set_key("1st");
  bad.set_type("colour");
  bad.add_options("x");
  v1::CustomField out;
  const auto problems = Problems(logic.Create(call, bad, &out));
  for (const char* field : {"entity", "key", "label", "type", "options"}) CHECK(problems.contains(field));
  v1::CreateCustomFieldRequest select;
  select.set_entity("deal");
  select.set_key("source_detail");
  select.set_label("Source detail");
  select.set_type("select");
  CHECK(Problems(logic.Create(call, select, &out)).contains("options"));
  select.add_options("Fair");
  select.add_options("Fair");
  CHECK(Problems(logic.Create(call, select, &out)).contains("options[1]"));
  select.set_options(1, "Web");
  REQUIRE(logic.Create(call, select, &out).ok());
  CHECK(errors::AppCode(logic.Create(call, select, &out)) == "CONFLICT");
  CHECK(repo.events.back().type == "custom_field.created");

  v1::UpdateCustomFieldRequest patch;
  patch.set_id(out.id());
  patch.set_required(true);
  patch.add_body_fields("options");  // "options": [] on a select: refused
  CHECK(Problems(logic.Update(call, patch, &out)).contains("options"));
  patch.clear_body_fields();
  REQUIRE(logic.Update(call, patch, &out).ok());
  CHECK(out.required());
  CHECK(out.version() == 2);
  // Client-portal members read none.
  const service::CallContext portal{.org_id = call.org_id, .client_id = "0190f1c2-3b4a-7def-8123-456789abc001"};
  v1::ListCustomFieldsResponse list;
  CHECK(logic.List(portal, {}, &list).code() == absl::StatusCode::kPermissionDenied);
  REQUIRE(logic.List(call, {}, &list).ok());
  CHECK(list.data_size() == 1);
  REQUIRE(logic.Delete(call, out.id()).ok());
  CHECK(repo.events.back().type == "custom_field.deleted");
}

}  // namespace sentra::core

namespace sentra::core {
namespace {

struct DefinitionsFixture {
  sentra::testing::FakeRepository<CustomFieldQueries, FakeCustomFieldQueries> repo;
  FakeCustomFieldQueries& store = repo.state;
  CustomFieldLogic logic{repo};
  const service::CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abc000",
                                  .user_id = "0190f1c2-3b4a-7def-8123-456789abc0aa",
                                  .permissions = "custom_fields:manage"};

  absl::Status Create(const std::string& entity, const std::string& key) {
    v1::CreateCustomFieldRequest r;
    r.set_entity(entity);
    r.set_key(key);
    r.set_label(key);
    r.set_type("text");
    v1::CustomField out;
    return logic.Create(call, r, &out);
  }
};

}  // namespace

TEST_CASE("a record type has at most 100 custom fields: the next is refused naming the limit", "[core][custom_fields]") {
  DefinitionsFixture f;
  for (int i = 0; i < kMaxFieldsPerEntity; ++i) REQUIRE(f.Create("lead", "field_" + std::to_string(i)).ok());
  const auto refused = f.Create("lead", "one_too_many");
  CHECK(Problems(refused) ==
        std::map<std::string, std::string>{
            {"entity", "has 100 custom fields already, the most a record type may have: delete one first"}});
  // Another record type has its own hundred; and one gone makes room.
  CHECK(f.Create("client", "field_0").ok());
  v1::ListCustomFieldsRequest leads;
  leads.set_entity("lead");
  leads.set_limit(1);
  v1::ListCustomFieldsResponse first;
  REQUIRE(f.logic.List(f.call, leads, &first).ok());
  REQUIRE(f.logic.Delete(f.call, first.data(0).id()).ok());
  CHECK(f.Create("lead", "one_too_many").ok());
}

TEST_CASE("every change of a record type's definitions moves its version, and a change of nothing does not",
          "[core][custom_fields]") {
  DefinitionsFixture f;
  REQUIRE(f.Create("deal", "budget").ok());
  CHECK(f.store.versions["deal"] == 1);
  v1::ListCustomFieldsResponse list;
  REQUIRE(f.logic.List(f.call, {}, &list).ok());
  v1::UpdateCustomFieldRequest patch;
  patch.set_id(list.data(0).id());
  v1::CustomField out;
  REQUIRE(f.logic.Update(f.call, patch, &out).ok());  // nothing sent: nothing changes
  CHECK(f.store.versions["deal"] == 1);
  patch.set_label("Budget (EUR)");
  REQUIRE(f.logic.Update(f.call, patch, &out).ok());
  CHECK(f.store.versions["deal"] == 2);
  REQUIRE(f.logic.Delete(f.call, out.id()).ok());
  CHECK(f.store.versions["deal"] == 3);
  CHECK(f.store.versions["lead"] == 0);
}

TEST_CASE("options: at most 100, each 1-100 characters, 10,000 bytes in all", "[core][custom_fields]") {
  v1::CustomField many = Field("tier", "select");
  for (int i = 0; i < 101; ++i) many.add_options("o" + std::to_string(i));
  CHECK(Problems(CheckDefinition(many)).at("options") == "must be 1 to 100 values for a select field");
  v1::CustomField heavy = Field("tier", "multiselect");
  // 100 options of 100 characters, most of them three bytes: ~30,000 bytes.
  std::string euros;
  for (int c = 0; c < 98; ++c) euros += "\u20ac";
  for (int i = 0; i < 100; ++i) heavy.add_options(std::to_string(i) + euros);
  CHECK(Problems(CheckDefinition(heavy)).at("options").starts_with("must take at most 10000 bytes in all (UTF-8)"));
  v1::CustomField fine = Field("tier", "select", false, {"bronze", "silver", "gold"});
  CHECK(CheckDefinition(fine).ok());
}

TEST_CASE("definitions are listed by record type and key, a page at a time, each cursor its list's own",
          "[core][custom_fields]") {
  DefinitionsFixture f;
  for (const char* key : {"zeta", "alpha", "mid"}) REQUIRE(f.Create("client", key).ok());
  REQUIRE(f.Create("lead", "beta").ok());
  std::vector<std::string> seen;
  v1::ListCustomFieldsRequest request;
  request.set_limit(2);
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListCustomFieldsResponse page;
    REQUIRE(f.logic.List(f.call, request, &page).ok());
    for (const auto& d : page.data()) seen.push_back(d.entity() + "." + d.key());
    if (!page.has_next_cursor()) break;
    request.set_cursor(page.next_cursor());
  }
  CHECK(seen == std::vector<std::string>{"client.alpha", "client.mid", "client.zeta", "lead.beta"});
  // A cursor of the whole list is not one of the leads' list.
  v1::ListCustomFieldsRequest all;
  all.set_limit(1);
  v1::ListCustomFieldsResponse page;
  REQUIRE(f.logic.List(f.call, all, &page).ok());
  v1::ListCustomFieldsRequest leads;
  leads.set_entity("lead");
  leads.set_cursor(page.next_cursor());
  CHECK(Problems(f.logic.List(f.call, leads, &page)).contains("cursor"));
  leads.set_cursor("");
  leads.set_limit(201);
  CHECK(Problems(f.logic.List(f.call, leads, &page)).contains("limit"));
}

}  // namespace sentra::core

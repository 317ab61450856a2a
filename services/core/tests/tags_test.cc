// Tags: a record's list checked (trimmed, once whatever the case, at most
// 50), and the vocabulary's logic on a fake store whose "records" show a
// rename and a deletion reaching them.
#include <catch2/catch.hpp>

#include <map>

#include "absl/strings/ascii.h"
#include "sentra/errors/errors.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"
#include "src/tag_rules.h"
#include "src/tags.h"

namespace sentra::core {
namespace {

class FakeTagQueries final : public TagQueries {
 public:
  absl::StatusOr<std::vector<v1::Tag>> List(const service::IdPage& page) override {
    std::vector<v1::Tag> out;
    for (auto it = tags.upper_bound(page.after_id); it != tags.end(); ++it) {
      if (static_cast<int>(out.size()) == page.limit + 1) break;
      out.push_back(it->second);
    }
    return out;
  }
  absl::StatusOr<std::optional<v1::Tag>> Insert(std::string_view id, std::string_view name,
                                                std::string_view color) override {
    if (Named(name, "")) return std::optional<v1::Tag>();
    v1::Tag& t = tags[std::string(id)];
    t.set_id(std::string(id));
    t.set_name(std::string(name));
    t.set_color(std::string(color));
    t.set_version(1);
    return t;
  }
  absl::StatusOr<std::optional<v1::Tag>> Find(std::string_view id) override {
    auto it = tags.find(std::string(id));
    if (it == tags.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<std::optional<v1::Tag>> Lock(std::string_view id) override { return Find(id); }
  absl::StatusOr<std::optional<v1::Tag>> Update(std::string_view id, std::string_view name,
                                                std::string_view color) override {
    if (Named(name, id)) return std::optional<v1::Tag>();
    v1::Tag& t = tags.at(std::string(id));
    t.set_name(std::string(name));
    t.set_color(std::string(color));
    t.set_version(t.version() + 1);
    return t;
  }
  absl::Status Delete(std::string_view id) override {
    tags.erase(std::string(id));
    return absl::OkStatus();
  }
  absl::StatusOr<int> ReplaceOnRecords(std::string_view from, std::string_view to) override {
    int changed = 0;
    for (auto& [record, list] : records) {
      std::vector<std::string> next;
      bool hit = false;
      for (const auto& t : list) {
        const bool match = absl::AsciiStrToLower(t) == absl::AsciiStrToLower(std::string(from));
        hit |= match;
        const std::string now = match ? std::string(to) : t;
        if (!now.empty() && std::find(next.begin(), next.end(), now) == next.end()) next.push_back(now);
      }
      if (hit) ++changed, list = next;
    }
    return changed;
  }

  std::map<std::string, v1::Tag> tags;
  std::map<std::string, std::vector<std::string>> records;

 private:
  bool Named(std::string_view name, std::string_view except) const {
    for (const auto& [id, t] : tags) {
      if (id != except && absl::AsciiStrToLower(t.name()) == absl::AsciiStrToLower(std::string(name))) return true;
    }
    return false;
  }
};

}  // namespace

TEST_CASE("a record's tags are trimmed, kept once whatever their case, at most 50", "[core][tags]") {
  google::protobuf::RepeatedPtrField<std::string> tags;
  for (const char* t : {" VIP ", "vip", "Renewal", "renewal "}) tags.Add(t);
  std::vector<errors::FieldError> problems;
  CheckTags(&tags, problems);
  CHECK(problems.empty());
  CHECK(std::vector<std::string>(tags.begin(), tags.end()) == std::vector<std::string>{"VIP", "Renewal"});
  tags.Add("");
  tags.Add(std::string(51, 'x'));
  CheckTags(&tags, problems);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].field == "tags[2]");
  CHECK(problems[1].field == "tags[3]");
  google::protobuf::RepeatedPtrField<std::string> many;
  for (int i = 0; i < 51; ++i) many.Add(std::to_string(i));
  problems.clear();
  CheckTags(&many, problems);
  CHECK(sentra::testing::ErrorFields(errors::Validation(problems)) == std::vector<std::string>{"tags"});
}

TEST_CASE("renaming a tag renames it on every record, deleting it removes it", "[core][tags]") {
  sentra::testing::FakeRepository<TagQueries, FakeTagQueries> repo;
  TagLogic logic(repo);
  const service::CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef", .brand_access = "*"};
  v1::CreateTagRequest create;
  create.set_name("VIP");
  create.set_color("#FFAA00");
  v1::Tag vip;
  REQUIRE(logic.Create(call, create, &vip).ok());
  CHECK(vip.color() == "#ffaa00");
  create.set_name("vip");
  v1::Tag out;
  CHECK(errors::AppCode(logic.Create(call, create, &out)) == "CONFLICT");
  create.set_name("Gold");
  create.set_color("orange");
  CHECK(sentra::testing::ErrorFields(logic.Create(call, create, &out)) == std::vector<std::string>{"color"});
  create.clear_color();
  v1::Tag gold;
  REQUIRE(logic.Create(call, create, &gold).ok());

  repo.state.records = {{"lead-1", {"vip", "new"}}, {"client-1", {"Gold", "VIP"}}, {"deal-1", {"other"}}};
  v1::UpdateTagRequest rename;
  rename.set_id(vip.id());
  rename.set_name("gold");
  CHECK(errors::AppCode(logic.Update(call, rename, &out)) == "CONFLICT");  // Gold's
  rename.set_name("Key account");
  // Records of brands the caller cannot see would change too: every brand needed.
  const service::CallContext limited{.org_id = call.org_id, .brand_access = "0190f1c2-3b4a-7def-8123-456789abcb01"};
  CHECK(errors::AppCode(logic.Update(limited, rename, &out)) == "FORBIDDEN");
  CHECK(errors::AppCode(logic.Delete(limited, gold.id())) == "FORBIDDEN");
  REQUIRE(logic.Update(call, rename, &out).ok());
  CHECK(repo.state.records.at("lead-1") == std::vector<std::string>{"Key account", "new"});
  CHECK(repo.state.records.at("client-1") == std::vector<std::string>{"Gold", "Key account"});
  CHECK(repo.events.back().type == "tag.updated");

  REQUIRE(logic.Delete(call, gold.id()).ok());
  CHECK(repo.state.records.at("client-1") == std::vector<std::string>{"Key account"});
  CHECK(repo.state.records.at("deal-1") == std::vector<std::string>{"other"});
  const service::CallContext portal{.org_id = call.org_id, .client_id = "0190f1c2-3b4a-7def-8123-456789abc001"};
  v1::ListTagsResponse list;
  CHECK(logic.List(portal, {}, &list).code() == absl::StatusCode::kPermissionDenied);
  REQUIRE(logic.List(call, {}, &list).ok());
  CHECK(list.data_size() == 1);
}

}  // namespace sentra::core

// A record's owner_id and brand_id name a member and a brand of the
// caller's own organization, or the write is refused naming the field.
#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

namespace {

void CheckRefused(const Response& res, const std::string& field) {
  INFO(res.body);
  CHECK(res.status == 400);
  CHECK(res.Field("error.code") == "VALIDATION_ERROR");
  CHECK(res.body.find("\"field\":\"" + field + "\"") != std::string::npos);
}

}  // namespace

TEST_CASE("owner_id and brand_id must name a member and a brand of the caller's organization",
          "[e2e][isolation]") {
  Session a = SignupNewOrganization();
  Session b = SignupNewOrganization();
  Session colleague = InviteAndAccept(a, NewEmail("colleague"), "agent");
  const std::string brand = PostCreated("/v1/brands", R"({"name":"Own brand"})", a.access_token);
  const std::string other_brand = PostCreated("/v1/brands", R"({"name":"Their brand"})", b.access_token);
  const std::string nobody = "0190f1c2-3b4a-7def-8123-456789abcdef";

  for (const std::string& collection : {std::string("/v1/leads"), std::string("/v1/clients")}) {
    INFO(collection);
    CheckRefused(Post(collection, R"({"name":"X","owner_id":")" + b.user_id + R"("})", a.access_token), "owner_id");
    CheckRefused(Post(collection, R"({"name":"X","owner_id":")" + nobody + R"("})", a.access_token), "owner_id");
    CheckRefused(Post(collection, R"({"name":"X","brand_id":")" + other_brand + R"("})", a.access_token), "brand_id");
    CheckRefused(Post(collection, R"({"name":"X","brand_id":")" + nobody + R"("})", a.access_token), "brand_id");

    const std::string id = PostCreated(collection,
                                       R"({"name":"Fine","owner_id":")" + colleague.user_id + R"(","brand_id":")" +
                                           brand + R"("})",
                                       a.access_token);
    CheckRefused(Patch(collection + "/" + id, R"({"owner_id":")" + b.user_id + R"("})", a.access_token), "owner_id");
    CheckRefused(Patch(collection + "/" + id, R"({"brand_id":")" + other_brand + R"("})", a.access_token),
                 "brand_id");
    auto moved = Patch(collection + "/" + id, R"({"owner_id":")" + a.user_id + R"("})", a.access_token);
    CHECK(moved.status == 200);
    CHECK(moved.Field("owner_id") == a.user_id);
    CHECK(Get(collection + "/" + id, a.access_token).Field("brand_id") == brand);
  }
  // A deactivated member keeps what they own but is given nothing new.
  REQUIRE(Delete("/v1/users/" + colleague.user_id, a.access_token).status == 204);
  CheckRefused(Post("/v1/leads", R"({"name":"X","owner_id":")" + colleague.user_id + R"("})", a.access_token),
               "owner_id");
  CHECK(QueryStackDb("SELECT count(*) FROM core.leads WHERE org_id = '" + a.org_id + "'") == "1");
  CHECK(QueryStackDb("SELECT count(*) FROM core.clients WHERE org_id = '" + a.org_id + "'") == "1");
}

#include "sentra/service/call_context.h"
#include "sentra/service/call_scope.h"

#include <catch2/catch.hpp>

using sentra::service::CallContext;
using sentra::service::TxFor;

TEST_CASE("permissions are matched whole, never by prefix", "[service]") {
  CallContext call;
  call.permissions = "leads:read,leads:write,users:manage";
  CHECK(call.Has("leads:read"));
  CHECK(call.Has("users:manage"));
  CHECK_FALSE(call.Has("leads"));
  CHECK_FALSE(call.Has("leads:rea"));
  CHECK_FALSE(call.Has("invoices:read"));
}

TEST_CASE("a call without a verified organization and user is refused", "[service]") {
  CallContext call;
  CHECK(sentra::service::RequireTenant(call).code() == absl::StatusCode::kUnauthenticated);
  call.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef";
  call.user_id = "not-a-uuid";
  CHECK_FALSE(sentra::service::RequireTenant(call).ok());
  call.user_id = "0190f1c2-3b4a-7def-8123-456789abcdee";
  CHECK(sentra::service::RequireTenant(call).ok());
}

TEST_CASE("brand access is matched by whole id, and no brand is everyone's", "[service]") {
  CallContext all{.brand_access = "*"};
  CHECK(all.SeesBrand("b1"));
  CallContext some{.brand_access = "b1,b22"};
  CHECK(some.SeesBrand("b1"));
  CHECK(some.SeesBrand("b22"));
  CHECK(some.SeesBrand(""));
  CHECK_FALSE(some.SeesBrand("b2"));
  CHECK_FALSE(some.SeesBrand("b"));
  CallContext none{};
  CHECK(none.SeesBrand(""));
  CHECK_FALSE(none.SeesBrand("b1"));
  const auto scope = TxFor(some, true);
  CHECK(scope.brands == "b1,b22");
  CHECK(scope.read_only);
}

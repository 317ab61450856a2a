#include "sentra/service/call_context.h"

#include <catch2/catch.hpp>

using sentra::service::CallContext;

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

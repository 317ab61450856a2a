// Fails the test run when any RPC in any proto file lacks an access
// declaration, or declares a permission no role can grant (a route nobody
// could ever call). The access guard refuses undeclared RPCs at run time;
// this says so before anyone ships one.
#include <google/protobuf/descriptor.h>

#include <catch2/catch.hpp>
#include <regex>

#include "sentra/common/v1/http.pb.h"
#include "src/roles.h"

namespace {

const char* const kProtoFiles[] = {
#include "proto_files.inc"
};

bool Known(const std::string& permission) {
  return permission == "public" || permission == "internal" || permission == "authenticated" ||
         permission == sentra::auth::kPlatformAdmin || sentra::auth::IsGrantable(permission);
}

}  // namespace

TEST_CASE("every RPC of every proto file declares who may call it", "[access]") {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int services = 0;
  int methods = 0;
  for (const char* name : kProtoFiles) {
    INFO(name);
    const auto* file = pool->FindFileByName(name);
    REQUIRE(file != nullptr);  // link its proto library into this test
    for (int s = 0; s < file->service_count(); ++s) {
      ++services;
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        ++methods;
        const auto* method = service->method(m);
        INFO(method->full_name());
        REQUIRE(method->options().HasExtension(sentra::common::v1::access));
        const auto& access = method->options().GetExtension(sentra::common::v1::access);
        const std::string& permission = access.permission();
        CHECK(Known(permission));
        // Attempt limits are by address and e-mail: for calls without a
        // credential, which have no caller to limit.
        if (access.limit_attempts()) CHECK(permission == "public");
        // Internal RPCs are for the gateway itself and must not be routed.
        if (permission == "internal") CHECK_FALSE(method->options().HasExtension(sentra::common::v1::http));
        // Every POST made with an organization's permission honours
        // Idempotency-Key (PRODUCT.md §7); only POSTs can.
        const auto& http = method->options().GetExtension(sentra::common::v1::http);
        const bool organization_post = http.method() == "POST" && permission != "public" &&
                                       permission != "authenticated" && permission != "internal";
        CHECK(http.idempotency_key() == organization_post);
      }
    }
  }
  CHECK(services >= 3);
  CHECK(methods >= 10);
}

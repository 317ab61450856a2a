// The access guard on a real gRPC server: a refused call reaches its handler
// with no identity at all, and the caller gets the refusal whatever the
// handler answered.
#include "sentra/service/access_guard.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>

#include <catch2/catch.hpp>
#include <mutex>

#include "sentra/service/metadata.h"
#include "sentra/testing/v1/access_probe.grpc.pb.h"

namespace {

using sentra::service::CallContext;
using sentra::testing::v1::AccessProbe;
using sentra::testing::v1::ProbeRequest;
using sentra::testing::v1::ProbeResponse;

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abcdef";
constexpr char kUser[] = "0190f1c2-3b4a-7def-8123-456789abcdee";

// Answers OK with whatever identity it was handed: it checks nothing itself,
// like a handler that forgot to.
class CarelessProbe final : public AccessProbe::Service {
 public:
  grpc::Status Open(grpc::ServerContext* c, const ProbeRequest*, ProbeResponse* out) override { return Echo(c, out); }
  grpc::Status Member(grpc::ServerContext* c, const ProbeRequest*, ProbeResponse* out) override { return Echo(c, out); }
  grpc::Status Read(grpc::ServerContext* c, const ProbeRequest*, ProbeResponse* out) override { return Echo(c, out); }

  std::string last_seen_org() {
    std::lock_guard lock(mutex_);
    return last_seen_org_;
  }
  CallContext last_seen() {
    std::lock_guard lock(mutex_);
    return last_seen_;
  }

 private:
  grpc::Status Echo(grpc::ServerContext* c, ProbeResponse* out) {
    const CallContext call = sentra::service::FromServerContext(*c);
    {
      std::lock_guard lock(mutex_);
      last_seen_org_ = call.org_id.empty() ? "(none)" : call.org_id;
      last_seen_ = call;
    }
    out->set_org_id(call.org_id);
    out->set_user_id(call.user_id);
    out->set_permissions(call.permissions);
    return grpc::Status::OK;
  }
  std::mutex mutex_;
  std::string last_seen_org_;
  CallContext last_seen_;
};

struct ProbeServer {
  CarelessProbe probe;
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<AccessProbe::Stub> stub;

  ProbeServer() {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&probe);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> guards;
    guards.push_back(sentra::service::NewAccessGuardFactory());
    builder.experimental().SetInterceptorCreators(std::move(guards));
    server = builder.BuildAndStart();
    REQUIRE(port > 0);
    stub = AccessProbe::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  }
  ~ProbeServer() { server->Shutdown(); }
};

void Identify(grpc::ClientContext& context, const std::string& permissions) {
  sentra::service::ToMetadata({.org_id = kOrg, .user_id = kUser, .permissions = permissions}, context);
}

}  // namespace

TEST_CASE("a call context written to metadata is read back field for field", "[service][grpc]") {
  ProbeServer s;
  const CallContext sent{.org_id = kOrg,
                         .user_id = kUser,
                         .role = "admin",
                         .permissions = "probe:read,leads:read",
                         .brand_access = "b1,b2",
                         .client_id = "c1",
                         .api_key_id = "k1",
                         .request_id = "req-1",
                         .client_ip = "192.0.2.1",
                         .idempotency_key = "key-1",
                         .rpc = "/sentra.testing.v1.AccessProbe/Read"};
  grpc::ClientContext context;
  sentra::service::ToMetadata(sent, context);
  ProbeResponse out;
  REQUIRE(s.stub->Read(&context, {}, &out).ok());
  CHECK(s.probe.last_seen() == sent);
  // Nothing set, nothing sent: a public call reads back empty.
  grpc::ClientContext anonymous;
  sentra::service::ToMetadata({}, anonymous);
  REQUIRE(s.stub->Open(&anonymous, {}, &out).ok());
  CHECK(s.probe.last_seen() == CallContext{});
}

TEST_CASE("the access guard lets through what the declaration allows", "[service][grpc]") {
  ProbeServer s;
  ProbeResponse out;
  {
    grpc::ClientContext context;
    CHECK(s.stub->Open(&context, {}, &out).ok());
  }
  {
    grpc::ClientContext context;
    Identify(context, "");
    REQUIRE(s.stub->Member(&context, {}, &out).ok());
    CHECK(out.org_id() == kOrg);
  }
  {
    grpc::ClientContext context;
    Identify(context, "leads:read,probe:read");
    REQUIRE(s.stub->Read(&context, {}, &out).ok());
    CHECK(out.user_id() == kUser);
    CHECK(out.permissions() == "leads:read,probe:read");
  }
}

TEST_CASE("a refused call reaches its handler with no identity, and fails", "[service][grpc]") {
  ProbeServer s;
  ProbeResponse out;
  SECTION("missing permission") {
    grpc::ClientContext context;
    Identify(context, "leads:read,probe:rea,probe:read:all");
    const grpc::Status status = s.stub->Read(&context, {}, &out);
    CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
    CHECK(status.error_message() == "this needs the probe:read permission");
    CHECK(s.probe.last_seen_org() == "(none)");
  }
  SECTION("no identity at all") {
    grpc::ClientContext context;
    CHECK(s.stub->Member(&context, {}, &out).error_code() == grpc::StatusCode::UNAUTHENTICATED);
    grpc::ClientContext again;
    again.AddMetadata(sentra::service::kPermissionsKey, "probe:read");
    CHECK(s.stub->Read(&again, {}, &out).error_code() == grpc::StatusCode::UNAUTHENTICATED);
  }
  SECTION("an identity that is not a pair of ids") {
    grpc::ClientContext context;
    context.AddMetadata(sentra::service::kOrgIdKey, "acme");
    context.AddMetadata(sentra::service::kUserIdKey, kUser);
    CHECK(s.stub->Member(&context, {}, &out).error_code() == grpc::StatusCode::UNAUTHENTICATED);
  }
}

TEST_CASE("an RPC that declares nothing is refused to everyone", "[service]") {
  using sentra::service::DeclaredAccess;
  CHECK(DeclaredAccess("/sentra.testing.v1.AccessProbe/Read") == "probe:read");
  CHECK(DeclaredAccess("/sentra.testing.v1.AccessProbe/Open") == "public");
  CHECK(DeclaredAccess("/grpc.health.v1.Health/Check") == "public");
  CHECK_FALSE(DeclaredAccess("/sentra.testing.v1.AccessProbe/Missing"));
  CHECK_FALSE(DeclaredAccess("sentra.testing.v1.AccessProbe.Read"));
  CHECK_FALSE(DeclaredAccess(""));

  CallContext owner{.org_id = kOrg, .user_id = kUser, .permissions = "probe:read"};
  CHECK(sentra::service::CheckAccess(std::nullopt, owner).code() == absl::StatusCode::kPermissionDenied);
  CHECK(sentra::service::CheckAccess("internal", CallContext{}).ok());
}

TEST_CASE("a session route refuses API keys, whatever they hold", "[service]") {
  CallContext person{.org_id = kOrg, .user_id = kUser, .permissions = "probe:read"};
  CHECK(sentra::service::CheckAccess("authenticated", person).ok());
  CallContext key = person;
  key.api_key_id = "0190a0b0-0000-7000-8000-000000000001";
  CHECK(sentra::service::CheckAccess("authenticated", key).code() == absl::StatusCode::kPermissionDenied);
  CHECK(sentra::service::CheckAccess("probe:read", key).ok());
}

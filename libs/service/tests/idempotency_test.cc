#include "sentra/service/idempotency.h"

#include <google/protobuf/wrappers.pb.h>
#include <grpcpp/server_context.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "fmt/format.h"
#include "sentra/db/migrations.h"
#include "sentra/db/query.h"
#include "sentra/db/tenancy.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/testing/pg.h"

using google::protobuf::StringValue;
using sentra::service::CallContext;
using sentra::service::IdempotentWrite;

namespace {

StringValue Text(std::string_view text) {
  StringValue v;
  v.set_value(std::string(text));
  return v;
}

// How one call of Fixture::Call goes.
struct Try {
  std::chrono::milliseconds hold{0};        // how long the write keeps its transaction open
  absl::Status outcome = absl::OkStatus();  // what the write returns
  bool skip_replay = false;                 // straight to the transaction, as after a lost race
  bool* replayed = nullptr;
  std::atomic<bool>* in_body = nullptr;  // set once the write runs, its key claimed
};

// One service schema with the tenancy helpers and the idempotency table, and
// a write that counts how often it really ran.
struct Fixture {
  sentra::testing::ScratchSchema schema;
  sentra::db::Pool pool{{.url = schema.url(), .size = 4}};
  std::atomic<int> writes{0};

  Fixture() {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE(sentra::db::ApplyMigrations(**conn, schema.name(), "tenancy", sentra::db::TenancyMigrations()).ok());
    REQUIRE(sentra::db::ApplyMigrations(**conn, schema.name(), "idempotency",
                                        sentra::service::idempotency::Migrations())
                .ok());
  }

  static CallContext Caller(std::string org, std::string key) {
    return {.org_id = std::move(org), .user_id = sentra::ids::NewUuidV7(), .idempotency_key = std::move(key)};
  }

  // Replay, then the write in its transaction: what a handler does. The
  // response names the request and the how-manieth write made it.
  absl::Status Call(const CallContext& call, const StringValue& request, StringValue* out, Try t = {}) {
    grpc::ServerContext context;
    IdempotentWrite write(context, call, request);
    bool early = false;
    if (!t.skip_replay) {
      auto replayed = write.Replay(pool, out);
      if (!replayed.ok()) return replayed.status();
      early = *replayed;
    }
    absl::Status status = absl::OkStatus();
    if (!early) {
      status = write.InTransaction(pool, {.org_id = call.org_id}, out, [&](sentra::db::Transaction&) {
        if (t.in_body != nullptr) *t.in_body = true;
        std::this_thread::sleep_for(t.hold);
        if (!t.outcome.ok()) return t.outcome;
        out->set_value(fmt::format("{} #{}", request.value(), ++writes));
        return absl::OkStatus();
      });
    }
    if (t.replayed != nullptr) *t.replayed = write.replayed();
    return status;
  }

  // The keys a transaction of `org` sees ("" for none), through RLS.
  std::int64_t KeysSeenBy(const std::string& org) {
    static constexpr sentra::db::Query kCount{"t.count_visible_keys", "SELECT count(*) FROM idempotency_keys"};
    std::int64_t n = -1;
    REQUIRE(sentra::db::InTransaction(pool, {.org_id = org}, [&](sentra::db::Transaction& tx) {
              auto r = tx.Execute(kCount);
              if (!r.ok()) return r.status();
              n = r->Int(0, 0);
              return absl::OkStatus();
            }).ok());
    return n;
  }

  // Every organization's keys, as the (superuser) administrator sees them.
  std::int64_t Keys() {
    static constexpr sentra::db::Query kCount{"t.count_keys", "SELECT count(*) FROM idempotency_keys"};
    REQUIRE(schema.admin().ExecuteScript(fmt::format("SET search_path TO {}", schema.name()), "t.path").ok());
    auto r = schema.admin().Execute(kCount);
    REQUIRE(r.ok());
    return r->Int(0, 0);
  }
};

}  // namespace

TEST_CASE("an Idempotency-Key must be 1-255 visible ASCII characters", "[service]") {
  using sentra::service::CheckIdempotencyKey;
  CHECK(CheckIdempotencyKey("0190c5c8-2b4e-7cc1-9f3e-2d1f6f7f0a11").ok());
  CHECK(CheckIdempotencyKey(std::string(255, 'k')).ok());
  for (const std::string& bad : {std::string(), std::string(256, 'k'), std::string("a b"), std::string("tab\tkey"),
                                std::string("caf\xc3\xa9"), std::string("nul\0key", 7)}) {
    const auto s = CheckIdempotencyKey(bad);
    CHECK(sentra::errors::AppCode(s) == "VALIDATION_ERROR");
    REQUIRE(sentra::errors::FieldErrors(s).size() == 1);
    CHECK(sentra::errors::FieldErrors(s)[0].field == "Idempotency-Key");
  }
}

TEST_CASE("the request hash is the message's content and type, not its encoding's accidents", "[service]") {
  using sentra::service::RequestHash;
  CHECK(RequestHash(Text("a")) == RequestHash(Text("a")));
  CHECK(RequestHash(Text("a")) != RequestHash(Text("b")));
  google::protobuf::BytesValue bytes;
  bytes.set_value("a");
  CHECK(RequestHash(Text("a")) != RequestHash(bytes));  // same wire bytes, another request type
}

TEST_CASE("a repeated key answers with the first response and writes nothing", "[service][pg]") {
  Fixture f;
  const auto call = Fixture::Caller(sentra::ids::NewUuidV7(), "key-1");
  StringValue first, second, third;
  REQUIRE(f.Call(call, Text("lead"), &first).ok());
  bool replayed = false;
  REQUIRE(f.Call(call, Text("lead"), &second, {.replayed = &replayed}).ok());
  CHECK(replayed);
  CHECK(second.value() == first.value());
  CHECK(first.value() == "lead #1");
  CHECK(f.writes == 1);

  SECTION("another request with the same key is a conflict") {
    const auto s = f.Call(call, Text("other lead"), &third);
    CHECK(sentra::errors::AppCode(s) == "CONFLICT");
    CHECK(sentra::errors::FieldErrors(s).at(0).field == "Idempotency-Key");
    CHECK(f.writes == 1);
  }
  SECTION("another caller or organization with the same key is not a repeat") {
    auto colleague = call;
    colleague.user_id = sentra::ids::NewUuidV7();
    REQUIRE(f.Call(colleague, Text("lead"), &third).ok());
    CHECK(third.value() == "lead #2");
    const auto stranger = Fixture::Caller(sentra::ids::NewUuidV7(), "key-1");
    REQUIRE(f.Call(stranger, Text("lead"), &third).ok());
    CHECK(third.value() == "lead #3");
    CHECK(f.Keys() == 3);
  }
  SECTION("the same key on another route is another request") {
    auto elsewhere = call;
    elsewhere.rpc = "/sentra.core.v1.ClientService/CreateClient";
    REQUIRE(f.Call(elsewhere, Text("lead"), &third).ok());
    CHECK(third.value() == "lead #2");
    REQUIRE(f.Call(elsewhere, Text("lead"), &third).ok());
    CHECK(third.value() == "lead #2");
  }
  SECTION("the same request without a key writes again") {
    REQUIRE(f.Call(Fixture::Caller(call.org_id, ""), Text("lead"), &third).ok());
    CHECK(third.value() == "lead #2");
    CHECK(f.Keys() == 1);
  }
}

TEST_CASE("a refused write leaves no key behind, so its retry is checked again", "[service][pg]") {
  Fixture f;
  const auto call = Fixture::Caller(sentra::ids::NewUuidV7(), "key-2");
  StringValue out;
  CHECK(f.Call(call, Text("x"), &out, {.outcome = sentra::errors::Validation("name", "is required")}).code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(f.Keys() == 0);
  REQUIRE(f.Call(call, Text("x"), &out).ok());
  CHECK(out.value() == "x #1");
}

TEST_CASE("concurrent requests with one key: one writes, the others wait for it and get its answer",
          "[service][pg]") {
  Fixture f;
  const auto call = Fixture::Caller(sentra::ids::NewUuidV7(), "key-3");
  constexpr int kCallers = 4;
  StringValue outs[kCallers];
  absl::Status statuses[kCallers];
  bool replayed[kCallers] = {};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    // Straight to the transaction, as when all passed Replay() at once: the
    // first holds the key long enough for the others to wait on it there.
    threads.emplace_back([&, i] {
      statuses[i] = f.Call(call, Text("x"), &outs[i],
                           {.hold = std::chrono::milliseconds(400), .skip_replay = true, .replayed = &replayed[i]});
    });
  }
  for (auto& t : threads) t.join();
  int replays = 0;
  for (int i = 0; i < kCallers; ++i) {
    CHECK(statuses[i].ok());
    CHECK(outs[i].value() == "x #1");
    replays += replayed[i] ? 1 : 0;
  }
  CHECK(f.writes == 1);
  CHECK(replays == kCallers - 1);
}

TEST_CASE("a concurrent request with the key and another body waits, then conflicts", "[service][pg]") {
  Fixture f;
  const auto call = Fixture::Caller(sentra::ids::NewUuidV7(), "key-4");
  StringValue first, second;
  absl::Status first_status;
  std::atomic<bool> claimed{false};
  std::thread holder([&] {
    first_status = f.Call(call, Text("x"), &first, {.hold = std::chrono::milliseconds(400), .in_body = &claimed});
  });
  // The first write runs only once its key is claimed in its transaction.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!claimed && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(claimed);
  const auto started = std::chrono::steady_clock::now();
  const auto s = f.Call(call, Text("y"), &second, {.skip_replay = true});
  const auto waited = std::chrono::steady_clock::now() - started;
  holder.join();
  CHECK(first_status.ok());
  CHECK(sentra::errors::AppCode(s) == "CONFLICT");
  CHECK(waited >= std::chrono::milliseconds(200));  // it waited for the first transaction
  CHECK(f.writes == 1);
}

TEST_CASE("keys older than a day are taken over and pruned, fresh ones are kept", "[service][pg]") {
  Fixture f;
  const std::string org_a = sentra::ids::NewUuidV7(), org_b = sentra::ids::NewUuidV7();
  const auto old_call = Fixture::Caller(org_a, "old");
  StringValue out;
  REQUIRE(f.Call(old_call, Text("x"), &out).ok());
  REQUIRE(f.Call(Fixture::Caller(org_a, "old-2"), Text("x"), &out).ok());
  REQUIRE(f.Call(Fixture::Caller(org_b, "old-3"), Text("x"), &out).ok());
  REQUIRE(f.Call(Fixture::Caller(org_b, "fresh"), Text("x"), &out).ok());
  REQUIRE(f.schema.admin()
              .ExecuteScript(fmt::format("UPDATE {}.idempotency_keys SET created_at = now() - interval '25 hours' "
                                         "WHERE key LIKE 'old%'",
                                         f.schema.name()),
                             "t.age")
              .ok());

  SECTION("an expired key is a new request") {
    REQUIRE(f.Call(old_call, Text("another"), &out).ok());
    CHECK(out.value() == "another #5");
  }
  SECTION("expired keys stay in their organization: nobody else sees them, nor does work without one") {
    CHECK(f.KeysSeenBy(org_a) == 2);
    CHECK(f.KeysSeenBy(org_b) == 2);
    CHECK(f.KeysSeenBy(sentra::ids::NewUuidV7()) == 0);
    CHECK(f.KeysSeenBy("") == 0);
  }
  SECTION("pruning removes only expired keys, in batches, across organizations") {
    auto pruned = sentra::service::PruneIdempotencyKeys(f.pool, /*batch=*/2);
    REQUIRE(pruned.ok());
    CHECK(*pruned == 3);
    CHECK(f.Keys() == 1);
  }
}

// A storm of sign-ins against the real stack: password hashing is gated, so
// auth's memory and threads stay bounded and the overflow is told to come
// back (503 with Retry-After) instead of waiting without end. Serial: it
// makes other sign-ins wait.
#include <catch2/catch.hpp>

#include <fstream>
#include <future>
#include <string>

#include "stack.h"

using namespace sentra::e2e;

namespace {

// A line of /proc/<auth's pid>/status, in kB (VmHWM: the most it ever held).
long AuthStatusKb(const std::string& key) {
  std::ifstream pid_file(Env("SENTRA_TEST_STATE") + "/run/auth.pid");
  std::string pid;
  pid_file >> pid;
  std::ifstream status("/proc/" + pid + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(key + ":")) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

}  // namespace

TEST_CASE("a storm of sign-ins keeps auth's memory bounded and turns the overflow away with 503",
          "[e2e][fault]") {
  std::vector<std::future<Response>> logins;
  for (int i = 0; i < 60; ++i) {
    logins.push_back(std::async(std::launch::async, [] {
      return Post("/v1/auth/login", R"({"email":")" + NewEmail("storm") + R"(","password":"not the password"})");
    }));
  }
  int refused = 0;
  int busy = 0;
  for (auto& login : logins) {
    const Response res = login.get();
    INFO(res.status << " " << res.body);
    if (res.status == 401) {
      ++refused;
    } else {
      CHECK(res.status == 503);
      CHECK(res.Field("error.code") == "UNAVAILABLE");
      CHECK(res.headers.count("retry-after") == 1);
      ++busy;
    }
  }
  INFO(refused << " refused, " << busy << " told to come back");
  CHECK(refused > 0);
  // Argon2 takes 64 MiB a hash: unbounded, sixty at once took gigabytes.
  const long peak_kb = AuthStatusKb("VmHWM");
  INFO("auth's peak resident memory: " << peak_kb / 1024 << " MiB");
  CHECK(peak_kb > 0);
  CHECK(peak_kb < 600 * 1024);
  // Once it has passed, sign-ins work again.
  Session s = SignupNewOrganization();
  Login(s.email, s.password);
}

#include "gateway_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "stack.h"

namespace sentra::e2e {

unsigned short FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

namespace {

std::vector<std::string> GatewayEnv(const std::vector<std::string>& extra) {
  // getenv() returns the first entry of a name: the overrides go first.
  std::vector<std::string> env(extra.begin(), extra.end());
  std::ifstream in(Env("SENTRA_TEST_GATEWAY_ENV"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) env.push_back(line);
  }
  return env;
}

}  // namespace

GatewayProcess::GatewayProcess(const std::vector<std::string>& extra, const std::string& log)
    : ChildProcess(Env("SENTRA_TEST_GATEWAY_BIN"), GatewayEnv(extra), log) {}

ChildProcess::ChildProcess(const std::string& binary, std::vector<std::string> env, const std::string& log) {
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<char*> argv = {const_cast<char*>(binary.c_str()), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  REQUIRE(posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);
}

ChildProcess::~ChildProcess() {
  if (exited_) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100 && !Exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

int ChildProcess::ExitCode(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!Exited() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return exited_ ? status_ : -1;
}

bool ChildProcess::Exited() {
  if (exited_) return true;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    exited_ = true;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return exited_;
}

}  // namespace sentra::e2e

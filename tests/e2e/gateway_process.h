// Processes of our own for tests: a second gateway with other settings than
// the stack's (TLS, small limits) in front of the stack's real services, or a
// service binary run against a scratch schema.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace sentra::e2e {

// A loopback port nothing listens on right now.
unsigned short FreePort();

// `binary` with exactly `env` (NAME=value lines), its output in `log`;
// stopped (TERM, then KILL) when this goes out of scope, whatever the test did.
class ChildProcess {
 public:
  ChildProcess(const std::string& binary, std::vector<std::string> env, const std::string& log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // The exit status once the process has ended, else -1 after `wait`.
  int ExitCode(std::chrono::milliseconds wait);
  pid_t pid() const { return pid_; }

 private:
  bool Exited();
  pid_t pid_ = 0;
  bool exited_ = false;
  int status_ = 0;
};

// The gateway binary with the stack's gateway settings plus `extra`.
class GatewayProcess : public ChildProcess {
 public:
  GatewayProcess(const std::vector<std::string>& extra, const std::string& log);
};

}  // namespace sentra::e2e

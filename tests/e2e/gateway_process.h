// A second gateway process for tests that need other settings than the
// stack's (TLS, small limits), in front of the stack's real services.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace sentra::e2e {

// A loopback port nothing listens on right now.
unsigned short FreePort();

// The gateway binary with the stack's gateway settings plus `extra`; stopped
// (TERM, then KILL) when this goes out of scope, whatever the test did.
class GatewayProcess {
 public:
  GatewayProcess(const std::vector<std::string>& extra, const std::string& log);
  ~GatewayProcess();
  GatewayProcess(const GatewayProcess&) = delete;
  GatewayProcess& operator=(const GatewayProcess&) = delete;
  // The exit status once the process has ended, else -1 after `wait`.
  int ExitCode(std::chrono::milliseconds wait);
  pid_t pid() const { return pid_; }

 private:
  bool Exited();
  pid_t pid_ = 0;
  bool exited_ = false;
  int status_ = 0;
};

}  // namespace sentra::e2e

// sentra-replay-parked SERVICE…: moves each service's parked events back to
// its queue with their attempts reset. Reads SENTRA_AMQP_URL. Run it once the
// cause of the failures is fixed (deploy/sentra replay-parked, or on
// Kubernetes `kubectl exec deploy/<service> -- sentra-replay-parked <service>`).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sentra/bus/replay.h"

int main(int argc, char** argv) {
  const char* url = std::getenv("SENTRA_AMQP_URL");
  if (argc < 2 || url == nullptr) {
    std::fprintf(stderr, "usage: SENTRA_AMQP_URL=amqp://… sentra-replay-parked SERVICE…\n");
    return 2;
  }
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    auto result = sentra::bus::ReplayParked(url, argv[i]);
    if (!result.ok()) {
      std::fprintf(stderr, "%s: %s\n", argv[i], std::string(result.status().message()).c_str());
      ++failed;
      continue;
    }
    std::printf("%s: %lld parked events moved back to %s.events, %lld still parked\n", argv[i],
                static_cast<long long>(result->moved), argv[i], static_cast<long long>(result->left));
  }
  return failed == 0 ? 0 : 1;
}

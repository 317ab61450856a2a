// Hears events without taking part in their delivery: a private queue per
// process (the broker deletes it when the process goes), bound to a few
// event types, no acknowledgements, no inbox. For in-memory state that must
// follow a change within moments, like a gateway dropping a revoked API key
// from its cache. Events sent while disconnected are missed, so
// `on_connected` runs after every (re)connect for the owner to resync.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "sentra/events/v1/envelope.pb.h"

namespace sentra::bus {

struct ListenerOptions {
  std::string amqp_url;
  std::string name;  // for the connection name and logs
  std::vector<std::string> event_types;
  std::chrono::milliseconds reconnect_backoff{1000};
};

class Listener {
 public:
  using Handler = std::function<void(const events::v1::Envelope&)>;

  // Both callbacks run on the listener's thread.
  Listener(ListenerOptions options, Handler on_event, std::function<void()> on_connected);
  ~Listener();

  void Start();
  bool connected() const { return connected_; }

 private:
  void Run();
  void RunSession();

  ListenerOptions options_;
  Handler on_event_;
  std::function<void()> on_connected_;
  std::atomic<bool> connected_{false};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace sentra::bus

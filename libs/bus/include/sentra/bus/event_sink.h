// Where a logic class puts the events of its changes. The real sink is the
// outbox (outbox_sink.h), bound to the transaction that writes the change,
// so the change and its events commit together or not at all; unit tests
// record them instead. This header is the interface alone, so a logic class
// and its tests compile without the database's headers.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace google::protobuf {
class Message;
}

namespace sentra::bus {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // `type` from the catalogue ("client.created"); the aggregate is the record
  // the event is about.
  virtual absl::Status Emit(std::string_view type, std::string_view aggregate_type, std::string_view aggregate_id,
                            const google::protobuf::Message& payload) = 0;
};

}  // namespace sentra::bus

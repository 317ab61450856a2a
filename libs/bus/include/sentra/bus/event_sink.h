// Where a logic class puts the events of its changes. The real sink is the
// outbox, bound to the transaction that writes the change, so the change and
// its events commit together or not at all; unit tests record them instead.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "sentra/bus/outbox_writer.h"

namespace sentra::bus {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // `type` from the catalogue ("client.created"); the aggregate is the record
  // the event is about.
  virtual absl::Status Emit(std::string_view type, std::string_view aggregate_type, std::string_view aggregate_id,
                            const google::protobuf::Message& payload) = 0;
};

// The events of one transaction, into its outbox.
class OutboxSink final : public EventSink {
 public:
  OutboxSink(const OutboxWriter& outbox, db::Transaction& tx, EventContext context)
      : outbox_(outbox), tx_(tx), context_(std::move(context)) {}

  absl::Status Emit(std::string_view type, std::string_view aggregate_type, std::string_view aggregate_id,
                    const google::protobuf::Message& payload) override {
    return outbox_.Append(tx_, type, aggregate_type, aggregate_id, payload, context_).status();
  }

 private:
  const OutboxWriter& outbox_;
  db::Transaction& tx_;
  EventContext context_;
};

}  // namespace sentra::bus

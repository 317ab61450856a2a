// The events of one transaction, into its outbox: the EventSink requests and
// consumed events write through.
#pragma once

#include <utility>

#include "sentra/bus/event_sink.h"
#include "sentra/bus/outbox_writer.h"

namespace sentra::bus {

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

// Adds a domain event to the outbox inside the caller's transaction, so the
// state change and its event commit together or not at all.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/db/transaction.h"

namespace google::protobuf {
class Message;
}

namespace sentra::bus {

// Who caused the event and during which request.
struct EventContext {
  std::string actor;
  std::string request_id;
};

class OutboxWriter {
 public:
  // `source` is the emitting service, e.g. "core".
  explicit OutboxWriter(std::string source) : source_(std::move(source)) {}

  // The event's organization is the transaction's. Returns the event id.
  absl::StatusOr<std::string> Append(db::Transaction& tx, std::string_view type,
                                     std::string_view aggregate_type,
                                     std::string_view aggregate_id,
                                     const google::protobuf::Message& payload,
                                     const EventContext& context) const;

 private:
  std::string source_;
};

}  // namespace sentra::bus

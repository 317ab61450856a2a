// An in-memory Repository for the unit tests of logic classes. `FakeQueries`
// implements the entity's Queries over plain containers and is copyable: a
// write works on a copy that replaces the state only when the body succeeds,
// so a failed write leaves nothing behind and emits nothing, as a rolled-back
// transaction does.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "sentra/bus/event_sink.h"
#include "sentra/service/repository.h"

namespace sentra::testing {

struct RecordedEvent {
  std::string type;
  std::string aggregate_type;
  std::string aggregate_id;
  std::string payload_type;
  std::string payload;  // serialized

  template <typename Message>
  Message As() const {
    Message message;
    message.ParseFromString(payload);
    return message;
  }
};

class RecordingSink final : public bus::EventSink {
 public:
  absl::Status Emit(std::string_view type, std::string_view aggregate_type, std::string_view aggregate_id,
                    const google::protobuf::Message& payload) override {
    events.push_back({std::string(type), std::string(aggregate_type), std::string(aggregate_id),
                      payload.GetTypeName(), payload.SerializeAsString()});
    return absl::OkStatus();
  }
  std::vector<RecordedEvent> events;
};

template <typename Queries, typename FakeQueries>
class FakeRepository final : public service::Repository<Queries> {
 public:
  absl::Status Read(const std::function<absl::Status(Queries&)>& body) override {
    FakeQueries snapshot = state;  // what a read changes is not kept
    return body(snapshot);
  }

  absl::Status Write(const std::function<absl::Status(Queries&, bus::EventSink&)>& body) override {
    FakeQueries working = state;
    RecordingSink sink;
    absl::Status status = body(working, sink);
    if (!status.ok()) {
      ++rollbacks;
      return status;
    }
    state = std::move(working);
    events.insert(events.end(), sink.events.begin(), sink.events.end());
    return status;
  }

  FakeQueries state;
  std::vector<RecordedEvent> events;  // of committed writes only
  int rollbacks = 0;
};

}  // namespace sentra::testing

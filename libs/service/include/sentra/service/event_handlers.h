// A consumed event gets the seam a request's write has: the entity's Queries
// bound to the consumer's transaction (the one that records the event in
// the inbox) and an EventSink into that transaction's outbox. What a handler
// changes, the events it emits and the inbox row commit together or not at
// all, and a redelivered event finds its inbox row and changes nothing.
//
// So a handler's logic is a function (or a class's method) on Queries,
// EventSink and the event, unit-tested on fakes like a request's logic
// (sentra/testing/fake_repository.h), and each service says which event
// types it handles, and with what, in one table: its src/event_handlers.cc.
#pragma once

#include <string>
#include <utility>

#include "sentra/bus/consumer.h"
#include "sentra/bus/outbox_sink.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::service {

class EventHandlers {
 public:
  EventHandlers(bus::Consumer& consumer, const bus::OutboxWriter& outbox) : consumer_(consumer), outbox_(outbox) {}

  // On each event of `type`, `logic(queries, events, event)` with a
  // `PgQueries` built on the consumer's transaction. The events it emits
  // carry the consumed event's actor and request id.
  template <typename PgQueries, typename Logic>
  EventHandlers& On(std::string type, Logic logic) {
    consumer_.On(std::move(type), [&outbox = outbox_, logic = std::move(logic)](db::Transaction& tx,
                                                                              const events::v1::Envelope& event) {
      PgQueries queries(tx);
      bus::OutboxSink events(outbox, tx, {event.actor(), event.request_id()});
      return logic(queries, events, event);
    });
    return *this;
  }

 private:
  bus::Consumer& consumer_;
  const bus::OutboxWriter& outbox_;
};

}  // namespace sentra::service

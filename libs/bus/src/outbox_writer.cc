#include "sentra/bus/outbox_writer.h"

#include <google/protobuf/util/time_util.h>

#include "absl/time/clock.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/ids/uuid.h"

namespace sentra::bus {

namespace {
constexpr db::Query kInsert{
    "outbox.insert",
    "INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, envelope) "
    "VALUES ($1, $2, $3, $4, $5)"};
}  // namespace

absl::StatusOr<std::string> OutboxWriter::Append(db::Transaction& tx, std::string_view type,
                                                 std::string_view aggregate_type,
                                                 std::string_view aggregate_id,
                                                 const google::protobuf::Message& payload,
                                                 const EventContext& context) const {
  events::v1::Envelope envelope;
  envelope.set_id(ids::NewUuidV7());
  envelope.set_type(std::string(type));
  envelope.set_org_id(tx.org_id());
  // Not TimeUtil::GetCurrentTime(): Protobuf 3.21's has whole seconds only,
  // and events of one second must keep their order on a timeline.
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(absl::Now()));
  envelope.set_actor(context.actor);
  envelope.set_source(source_);
  envelope.set_request_id(context.request_id);
  envelope.set_schema_version(1);
  envelope.mutable_payload()->PackFrom(payload);
  const std::string bytes = envelope.SerializeAsString();
  auto inserted = tx.Execute(kInsert, envelope.id(), envelope.type(), aggregate_type,
                             aggregate_id, db::Bytes{bytes});
  if (!inserted.ok()) return inserted.status();
  return envelope.id();
}

}  // namespace sentra::bus

#include "sentra/service/subscriptions.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "fmt/format.h"

namespace sentra::service {

const std::vector<bus::Subscription>& Subscriptions() {
  static const std::vector<bus::Subscription> kSubscriptions = {
      {.consumer = "analytics", .event_types = {"#"}},  // the archive keeps every event
      {.consumer = "billing", .event_types = {"organization.created", "organization.updated"}},
      {.consumer = "comms",
       .event_types = {"auth.email_verification_requested", "auth.password_reset_requested",
                       "organization.created", "user.invited"}},
      // The default pipeline; the client timeline (services/core/src/event_handlers.cc).
      {.consumer = "core",
       .event_types = {"organization.created", "client.created", "client.updated", "client.archived",
                       "client.restored", "note.created", "note.updated", "note.deleted", "deal.created",
                       "deal.stage_changed", "deal.won", "deal.lost", "deal.deleted", "order.created",
                       "order.confirmed", "order.fulfilled", "order.cancelled", "order.deleted",
                       "task.completed", "lead.converted"}},
  };
  return kSubscriptions;
}

absl::Status CheckSubscription(std::string_view service, std::vector<std::string> handled) {
  std::sort(handled.begin(), handled.end());
  std::vector<std::string> listed;
  for (const bus::Subscription& s : Subscriptions()) {
    if (s.consumer == service) listed = s.event_types;
  }
  std::sort(listed.begin(), listed.end());
  if (handled == listed) return absl::OkStatus();
  return absl::FailedPreconditionError(
      fmt::format("{} handles [{}] but the subscription catalogue (libs/service/src/subscriptions.cc) lists [{}]",
                  service, absl::StrJoin(handled, ", "), absl::StrJoin(listed, ", ")));
}

}  // namespace sentra::service

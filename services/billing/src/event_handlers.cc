#include "event_handlers.h"

#include "billing_settings.h"
#include "pg_billing_settings_queries.h"

namespace sentra::billing {

void HandleEvents(service::EventHandlers& on) {
  on.On<PgBillingSettingsQueries>("organization.created", CreateBillingSettings)
      .On<PgBillingSettingsQueries>("organization.updated", FollowOrganizationUpdate);
}

}  // namespace sentra::billing

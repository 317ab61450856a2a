#include "event_handlers.h"

#include "event_archive.h"
#include "pg_archive_queries.h"

namespace sentra::analytics {

void HandleEvents(service::EventHandlers& on) {
  on.On<PgArchiveQueries>("#", ArchiveEvent);  // every event type
}

}  // namespace sentra::analytics

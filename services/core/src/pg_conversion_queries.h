// ConversionQueries (lead_conversion.h) on PostgreSQL: each entity's
// Postgres queries on the one transaction of a conversion.
#pragma once

#include "lead_conversion.h"
#include "pg_client_queries.h"
#include "pg_contact_queries.h"
#include "pg_deal_queries.h"
#include "pg_lead_queries.h"
#include "pg_note_queries.h"
#include "pg_task_queries.h"

namespace sentra::core {

class PgConversionQueries final : public ConversionQueries {
 public:
  explicit PgConversionQueries(db::Transaction& tx)
      : leads_(tx), clients_(tx), contacts_(tx), deals_(tx), notes_(tx), tasks_(tx) {}
  LeadQueries& leads() override { return leads_; }
  ClientQueries& clients() override { return clients_; }
  ContactQueries& contacts() override { return contacts_; }
  DealQueries& deals() override { return deals_; }
  NoteQueries& notes() override { return notes_; }
  TaskQueries& tasks() override { return tasks_; }

 private:
  PgLeadQueries leads_;
  PgClientQueries clients_;
  PgContactQueries contacts_;
  PgDealQueries deals_;
  PgNoteQueries notes_;
  PgTaskQueries tasks_;
};

}  // namespace sentra::core

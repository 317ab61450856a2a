// Converting a lead: in one transaction the lead becomes a client (and,
// when asked, that client's first deal), with the lead's person as its
// primary contact when the client is the lead's company, and takes along
// what the lead had: its tags, the custom field values the client's
// record type defines too, its notes and its tasks. The lead is marked
// converted with the client it became. Its queries are those of the
// entities on one transaction; no SQL or gRPC here, so
// tests/lead_conversion_test.cc runs it on fakes.
#pragma once

#include "auth_references.h"
#include "client_queries.h"
#include "contact_queries.h"
#include "deal_queries.h"
#include "lead_queries.h"
#include "note_queries.h"
#include "task_queries.h"
#include "sentra/core/v1/leads.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

class ConversionQueries {
 public:
  virtual ~ConversionQueries() = default;
  virtual LeadQueries& leads() = 0;
  virtual ClientQueries& clients() = 0;
  virtual ContactQueries& contacts() = 0;
  virtual DealQueries& deals() = 0;
  virtual NoteQueries& notes() = 0;
  virtual TaskQueries& tasks() = 0;
};

class LeadConversion {
 public:
  LeadConversion(service::Repository<ConversionQueries>& conversions, const ReferenceChecker& references)
      : conversions_(conversions), references_(references) {}

  // client.created, contact.created (for a company), deal.created (with a
  // deal), note.updated and task.updated for each note and task carried
  // over, and lead.converted. The client is a company when the lead names
  // one, else the person; it keeps the lead's contact details, tags, owner
  // (the converter's, if that member has left) and brand (VALIDATION_ERROR
  // if deleted). CONFLICT when the lead is converted already; FORBIDDEN
  // without clients:write (and deals:write for a deal).
  absl::Status Convert(const service::CallContext& call, v1::ConvertLeadRequest request,
                       v1::ConvertLeadResponse* out);

 private:
  service::Repository<ConversionQueries>& conversions_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core

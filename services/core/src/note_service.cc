#include "note_service.h"

#include "pg_note_queries.h"
#include "notes.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Notes = service::PgRepository<NoteQueries, PgNoteQueries>;
using service::CallContext;

}  // namespace

grpc::Status NoteServiceImpl::Create(grpc::ServerContext* c, std::string_view parent_type,
                                     const v1::CreateNoteRequest& request, v1::Note* out) {
  return service::ServeIdempotent(c, request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Notes notes(storage_, call, &write, out);
                                    return NoteLogic(notes).Create(call, parent_type, request, out);
                                  });
}

grpc::Status NoteServiceImpl::List(grpc::ServerContext* c, std::string_view parent_type,
                                   const v1::ListNotesRequest& request, v1::ListNotesResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Notes notes(storage_, call);
    return NoteLogic(notes).List(call, parent_type, request, out);
  });
}

grpc::Status NoteServiceImpl::CreateLeadNote(grpc::ServerContext* c, const v1::CreateNoteRequest* r, v1::Note* out) {
  return Create(c, "lead", *r, out);
}
grpc::Status NoteServiceImpl::ListLeadNotes(grpc::ServerContext* c, const v1::ListNotesRequest* r,
                                            v1::ListNotesResponse* out) {
  return List(c, "lead", *r, out);
}
grpc::Status NoteServiceImpl::CreateClientNote(grpc::ServerContext* c, const v1::CreateNoteRequest* r,
                                               v1::Note* out) {
  return Create(c, "client", *r, out);
}
grpc::Status NoteServiceImpl::ListClientNotes(grpc::ServerContext* c, const v1::ListNotesRequest* r,
                                              v1::ListNotesResponse* out) {
  return List(c, "client", *r, out);
}
grpc::Status NoteServiceImpl::CreateDealNote(grpc::ServerContext* c, const v1::CreateNoteRequest* r, v1::Note* out) {
  return Create(c, "deal", *r, out);
}
grpc::Status NoteServiceImpl::ListDealNotes(grpc::ServerContext* c, const v1::ListNotesRequest* r,
                                            v1::ListNotesResponse* out) {
  return List(c, "deal", *r, out);
}
grpc::Status NoteServiceImpl::CreateOrderNote(grpc::ServerContext* c, const v1::CreateNoteRequest* r, v1::Note* out) {
  return Create(c, "order", *r, out);
}
grpc::Status NoteServiceImpl::ListOrderNotes(grpc::ServerContext* c, const v1::ListNotesRequest* r,
                                             v1::ListNotesResponse* out) {
  return List(c, "order", *r, out);
}

grpc::Status NoteServiceImpl::GetNote(grpc::ServerContext* c, const v1::GetNoteRequest* request, v1::Note* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Notes notes(storage_, call);
    return NoteLogic(notes).Get(call, request->id(), out);
  });
}

grpc::Status NoteServiceImpl::UpdateNote(grpc::ServerContext* c, const v1::UpdateNoteRequest* request,
                                         v1::Note* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Notes notes(storage_, call);
    return NoteLogic(notes).Update(call, *request, out);
  });
}

grpc::Status NoteServiceImpl::DeleteNote(grpc::ServerContext* c, const v1::DeleteNoteRequest* request,
                                         v1::DeleteNoteResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Notes notes(storage_, call);
    return NoteLogic(notes).Delete(call, request->id());
  });
}

}  // namespace sentra::core

// core's notes over gRPC: each RPC builds the call's repository and hands
// the request to NoteLogic, with the record type its route names.
#pragma once

#include "sentra/core/v1/notes.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class NoteServiceImpl final : public v1::NoteService::Service {
 public:
  explicit NoteServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status CreateLeadNote(grpc::ServerContext*, const v1::CreateNoteRequest*, v1::Note*) override;
  grpc::Status ListLeadNotes(grpc::ServerContext*, const v1::ListNotesRequest*, v1::ListNotesResponse*) override;
  grpc::Status CreateClientNote(grpc::ServerContext*, const v1::CreateNoteRequest*, v1::Note*) override;
  grpc::Status ListClientNotes(grpc::ServerContext*, const v1::ListNotesRequest*, v1::ListNotesResponse*) override;
  grpc::Status CreateDealNote(grpc::ServerContext*, const v1::CreateNoteRequest*, v1::Note*) override;
  grpc::Status ListDealNotes(grpc::ServerContext*, const v1::ListNotesRequest*, v1::ListNotesResponse*) override;
  grpc::Status CreateOrderNote(grpc::ServerContext*, const v1::CreateNoteRequest*, v1::Note*) override;
  grpc::Status ListOrderNotes(grpc::ServerContext*, const v1::ListNotesRequest*, v1::ListNotesResponse*) override;
  grpc::Status GetNote(grpc::ServerContext*, const v1::GetNoteRequest*, v1::Note*) override;
  grpc::Status UpdateNote(grpc::ServerContext*, const v1::UpdateNoteRequest*, v1::Note*) override;
  grpc::Status DeleteNote(grpc::ServerContext*, const v1::DeleteNoteRequest*, v1::DeleteNoteResponse*) override;

 private:
  grpc::Status Create(grpc::ServerContext*, std::string_view parent_type, const v1::CreateNoteRequest&, v1::Note*);
  grpc::Status List(grpc::ServerContext*, std::string_view parent_type, const v1::ListNotesRequest&,
                    v1::ListNotesResponse*);

  const service::Storage& storage_;
};

}  // namespace sentra::core

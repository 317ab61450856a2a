// The rules of the tag vocabulary: a name unique whatever its case, an
// optional colour; a rename or a deletion reaches every record's tags in
// the same transaction. Every member reads the vocabulary; client-portal
// members do not. No SQL and no gRPC (tests/tags_test.cc runs it on fakes).
#pragma once

#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"
#include "tag_queries.h"

namespace sentra::core {

class TagLogic {
 public:
  explicit TagLogic(service::Repository<TagQueries>& tags) : tags_(tags) {}

  // tag.created.
  absl::Status Create(const service::CallContext& call, v1::CreateTagRequest request, v1::Tag* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Tag* out);
  absl::Status List(const service::CallContext& call, const v1::ListTagsRequest& request, v1::ListTagsResponse* out);
  // tag.updated; a new name is the records' too.
  absl::Status Update(const service::CallContext& call, v1::UpdateTagRequest request, v1::Tag* out);
  // tag.deleted; gone from every record.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<TagQueries>& tags_;
};

}  // namespace sentra::core

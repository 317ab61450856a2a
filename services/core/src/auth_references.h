// Whether the members and brands a record refers to (owner_id, brand_id)
// belong to the caller's organization. Both live in auth, and core keeps no
// copy of them, so core asks auth (AuthInternalService.CheckReferences),
// and only when a request names one: the caller's own id needs no check.
#pragma once

#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "sentra/service/call_context.h"

namespace grpc {
class Channel;
}

namespace sentra::core {

class ReferenceChecker {
 public:
  virtual ~ReferenceChecker() = default;
  // VALIDATION_ERROR naming `owner_id` or `brand_id` when it names no member
  // or brand of the caller's organization ("" checks nothing); Unavailable
  // when they cannot be checked now.
  virtual absl::Status Check(const service::CallContext& call, std::string_view owner_id,
                             std::string_view brand_id) const = 0;
};

class AuthReferences final : public ReferenceChecker {
 public:
  explicit AuthReferences(std::shared_ptr<grpc::Channel> auth);
  ~AuthReferences() override;

  absl::Status Check(const service::CallContext& call, std::string_view owner_id,
                     std::string_view brand_id) const override;

 private:
  struct Stub;
  std::unique_ptr<Stub> stub_;
};

// The checks of a record's owner_id and brand_id before it is created: the
// caller may write records of the brand, and both name this organization's.
absl::Status CheckNewRecord(const ReferenceChecker& references, const service::CallContext& call,
                            std::string_view owner_id, std::string_view brand_id);
// The same before an update, for the fields it sets (nullptr: unchanged);
// a member limited to brands may not clear a record's brand.
absl::Status CheckChangedRecord(const ReferenceChecker& references, const service::CallContext& call,
                                const std::string* owner_id, const std::string* brand_id);

}  // namespace sentra::core

#include "tag_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "field_checks.h"
#include "fmt/format.h"

namespace sentra::core {

void CheckTagName(std::string* name, std::string_view field, std::vector<errors::FieldError>& problems) {
  CheckRequiredText(name, field, 50, problems);
}

void CheckTags(google::protobuf::RepeatedPtrField<std::string>* tags, std::vector<errors::FieldError>& problems) {
  if (tags->size() > kMaxTags) {
    problems.push_back({"tags", fmt::format("must be at most {} tags", kMaxTags)});
    return;
  }
  std::set<std::string> seen;
  google::protobuf::RepeatedPtrField<std::string> kept;
  for (int i = 0; i < tags->size(); ++i) {
    std::string tag = tags->Get(i);
    const std::size_t before = problems.size();
    CheckTagName(&tag, fmt::format("tags[{}]", i), problems);
    if (problems.size() != before) continue;
    // "VIP" and "vip" are one tag, as in the vocabulary.
    if (seen.insert(absl::AsciiStrToLower(tag)).second) kept.Add(std::move(tag));
  }
  *tags = std::move(kept);
}

}  // namespace sentra::core

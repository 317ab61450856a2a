// The custom field definitions of organizations' record types, held in
// memory between writes: every create and update of a lead, client,
// contact, deal or order checks its custom_fields against them, and reading
// up to 100 definitions with their options each time cost a busy
// organization ~100x its write time. An entry is good for one version of
// the definitions (custom_field_sets, bumped by every change in the change's
// transaction), which each write reads anyway, share-locked; so an entry
// never serves a write after the definitions changed, whichever replica
// changed them. (Events would not do: each reaches one replica of core.)
// Bounded in bytes; the least recently used entries go first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sentra/core/v1/custom_fields.pb.h"

namespace sentra::core {

// A record type's live definitions, by key; shared, never changed in place.
using SharedFieldDefinitions = std::shared_ptr<const std::vector<v1::CustomField>>;

class FieldDefinitionCache {
 public:
  explicit FieldDefinitionCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The definitions of `entity` in `org` at `version`, or nullptr.
  SharedFieldDefinitions Find(std::string_view org, std::string_view entity, std::int64_t version);
  // Keeps `definitions` as those at `version` (replacing any other version's).
  void Keep(std::string_view org, std::string_view entity, std::int64_t version, SharedFieldDefinitions definitions);

  std::size_t bytes() const;
  std::size_t entries() const;

 private:
  struct Entry {
    std::string key;  // org + "/" + entity
    std::int64_t version;
    SharedFieldDefinitions definitions;
    std::size_t bytes;
  };
  void Drop(std::list<Entry>::iterator entry);

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> by_use_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  std::size_t bytes_ = 0;
};

// The one of this process (core's repositories use it), 64 MiB.
FieldDefinitionCache& TheFieldDefinitionCache();

}  // namespace sentra::core

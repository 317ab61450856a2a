#include "field_definition_cache.h"

namespace sentra::core {

namespace {

std::string KeyOf(std::string_view org, std::string_view entity) {
  std::string key;
  key.reserve(org.size() + 1 + entity.size());
  key.append(org).append("/").append(entity);
  return key;
}

std::size_t BytesOf(const std::vector<v1::CustomField>& definitions) {
  std::size_t bytes = sizeof(definitions);
  for (const auto& d : definitions) bytes += d.SpaceUsedLong();
  return bytes;
}

}  // namespace

SharedFieldDefinitions FieldDefinitionCache::Find(std::string_view org, std::string_view entity, std::int64_t version) {
  const std::string key = KeyOf(org, entity);
  std::lock_guard lock(mutex_);
  const auto it = by_key_.find(key);
  if (it == by_key_.end() || it->second->version != version) return nullptr;
  by_use_.splice(by_use_.begin(), by_use_, it->second);
  return it->second->definitions;
}

void FieldDefinitionCache::Keep(std::string_view org, std::string_view entity, std::int64_t version,
                                SharedFieldDefinitions definitions) {
  const std::size_t bytes = BytesOf(*definitions);
  std::string key = KeyOf(org, entity);
  std::lock_guard lock(mutex_);
  if (const auto it = by_key_.find(key); it != by_key_.end()) {
    // Two writes that missed at once both keep theirs: the newer version stays.
    if (it->second->version > version) return;
    Drop(it->second);
  }
  if (bytes > max_bytes_) return;
  by_use_.push_front(Entry{.key = key, .version = version, .definitions = std::move(definitions), .bytes = bytes});
  by_key_.emplace(std::move(key), by_use_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_) Drop(std::prev(by_use_.end()));
}

void FieldDefinitionCache::Drop(std::list<Entry>::iterator entry) {
  bytes_ -= entry->bytes;
  by_key_.erase(entry->key);
  by_use_.erase(entry);
}

std::size_t FieldDefinitionCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t FieldDefinitionCache::entries() const {
  std::lock_guard lock(mutex_);
  return by_key_.size();
}

FieldDefinitionCache& TheFieldDefinitionCache() {
  static auto* cache = new FieldDefinitionCache(64 << 20);  // never destroyed: request threads may outlive main
  return *cache;
}

}  // namespace sentra::core

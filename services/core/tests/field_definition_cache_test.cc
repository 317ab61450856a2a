// The definitions cache: an entry serves only its own version of the
// definitions, the newer of two versions stays, and the least recently used
// go first once the cache is full.
#include <catch2/catch.hpp>

#include "src/field_definition_cache.h"

namespace sentra::core {
namespace {

constexpr char kOrg[] = "0190f1c2-3b4a-7def-8123-456789abc000";
constexpr char kOther[] = "0190f1c2-3b4a-7def-8123-456789abc111";

SharedFieldDefinitions Definitions(int count, std::size_t label_bytes = 10) {
  auto list = std::make_shared<std::vector<v1::CustomField>>();
  for (int i = 0; i < count; ++i) {
    v1::CustomField& f = list->emplace_back();
    f.set_key("field_" + std::to_string(i));
    f.set_label(std::string(label_bytes, 'x'));
  }
  return list;
}

}  // namespace

TEST_CASE("cached definitions serve only the version they were read at", "[core][custom_fields]") {
  FieldDefinitionCache cache(1 << 20);
  CHECK(cache.Find(kOrg, "lead", 1) == nullptr);
  const auto v1 = Definitions(2);
  cache.Keep(kOrg, "lead", 1, v1);
  CHECK(cache.Find(kOrg, "lead", 1) == v1);
  CHECK(cache.Find(kOrg, "lead", 2) == nullptr);    // changed since
  CHECK(cache.Find(kOrg, "client", 1) == nullptr);  // another record type
  CHECK(cache.Find(kOther, "lead", 1) == nullptr);  // another organization
  // A newer version replaces it; an older one read late does not come back.
  const auto v2 = Definitions(3);
  cache.Keep(kOrg, "lead", 2, v2);
  cache.Keep(kOrg, "lead", 1, v1);
  CHECK(cache.Find(kOrg, "lead", 2) == v2);
  CHECK(cache.Find(kOrg, "lead", 1) == nullptr);
  CHECK(cache.entries() == 1);
}

TEST_CASE("the definitions cache stays within its bytes, dropping the least recently used", "[core][custom_fields]") {
  const std::size_t one = [] {
    FieldDefinitionCache probe(1 << 30);
    probe.Keep(kOrg, "lead", 1, Definitions(10, 1000));
    return probe.bytes();
  }();
  FieldDefinitionCache cache(3 * one + one / 2);
  for (const char* entity : {"lead", "client", "deal"}) cache.Keep(kOrg, entity, 1, Definitions(10, 1000));
  CHECK(cache.entries() == 3);
  CHECK(cache.Find(kOrg, "lead", 1) != nullptr);  // used: now the most recent
  cache.Keep(kOrg, "order", 1, Definitions(10, 1000));
  CHECK(cache.entries() == 3);
  CHECK(cache.bytes() <= 3 * one + one / 2);
  CHECK(cache.Find(kOrg, "client", 1) == nullptr);  // the least recently used went
  CHECK(cache.Find(kOrg, "lead", 1) != nullptr);
  CHECK(cache.Find(kOrg, "order", 1) != nullptr);
  // One larger than the whole cache is not kept, and takes nothing with it.
  cache.Keep(kOther, "lead", 1, Definitions(10, 10 * one));
  CHECK(cache.Find(kOther, "lead", 1) == nullptr);
  CHECK(cache.entries() == 3);
}

}  // namespace sentra::core

// What analytics keeps of the events it receives, on a fake archive.
#include "src/event_archive.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "sentra/testing/fake_repository.h"

namespace sentra::analytics {
namespace {

struct FakeArchive final : ArchiveQueries {
  absl::Status Append(const events::v1::Envelope& event) override {
    rows.emplace(event.id(), event.SerializeAsString());  // one already there stays
    return absl::OkStatus();
  }
  std::map<std::string, std::string> rows;
};

events::v1::Envelope Event(std::string id, std::string org) {
  events::v1::Envelope e;
  e.set_id(std::move(id));
  e.set_org_id(std::move(org));
  e.set_type("client.created");
  e.set_actor("user-1");
  return e;
}

TEST_CASE("every event of an organization is archived as it came, and emits nothing", "[analytics]") {
  testing::FakeRepository<ArchiveQueries, FakeArchive> archive;
  const auto e = Event("event-1", "org-1");
  REQUIRE(archive.Write([&](ArchiveQueries& q, bus::EventSink& s) { return ArchiveEvent(q, s, e); }).ok());
  REQUIRE(archive.state.rows.size() == 1);
  CHECK(archive.state.rows.at("event-1") == e.SerializeAsString());
  CHECK(archive.events.empty());
}

TEST_CASE("an event without an organization has no archive to go to", "[analytics]") {
  testing::FakeRepository<ArchiveQueries, FakeArchive> archive;
  const auto e = Event("event-1", "");
  REQUIRE(archive.Write([&](ArchiveQueries& q, bus::EventSink& s) { return ArchiveEvent(q, s, e); }).ok());
  CHECK(archive.state.rows.empty());
}

}  // namespace
}  // namespace sentra::analytics

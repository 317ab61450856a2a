// Notes in a map, for NoteLogic's unit tests: what the Postgres queries do,
// minus SQL. `visible` holds the "type:id" of the records the caller sees.
#pragma once

#include <map>
#include <set>

#include "sentra/testing/fake_paging.h"
#include "src/note_queries.h"

namespace sentra::core::testing {

class FakeNoteQueries final : public NoteQueries {
 public:
  absl::StatusOr<bool> ParentVisible(std::string_view type, std::string_view id) override {
    return visible.contains(std::string(type) + ":" + std::string(id));
  }

  absl::StatusOr<v1::Note> Insert(std::string_view id, std::string_view type, std::string_view parent,
                                  std::string_view body, std::string_view author) override {
    v1::Note& n = live[std::string(id)];
    n.set_id(std::string(id));
    n.set_parent_type(std::string(type));
    n.set_parent_id(std::string(parent));
    n.set_body(std::string(body));
    n.set_author_id(std::string(author));
    n.set_version(1);
    return n;
  }

  absl::StatusOr<std::optional<v1::Note>> Find(std::string_view id) override {
    auto it = live.find(std::string(id));
    if (it == live.end() || !ParentVisible(it->second.parent_type(), it->second.parent_id()).value()) {
      return std::nullopt;
    }
    return it->second;
  }
  absl::StatusOr<std::optional<v1::Note>> Lock(std::string_view id) override { return Find(id); }

  absl::StatusOr<bool> List(std::string_view type, std::string_view parent, const service::IdOrder& order,
                            v1::ListNotesResponse* out) override {
    std::vector<const v1::Note*> matching;
    for (const auto& [id, note] : live) {
      if (note.parent_type() == type && note.parent_id() == parent) matching.push_back(&note);
    }
    const service::SortedPage by_creation{.page = order.page, .descending = order.newest_first};
    for (const v1::Note* note : sentra::testing::SortedSlice(std::move(matching), by_creation, [](const v1::Note&) {
           return std::string();
         })) {
      *out->add_data() = *note;
    }
    return false;  // no byte budget here: the slice's extra item tells
  }

  absl::StatusOr<v1::Note> Update(std::string_view id, std::string_view body) override {
    v1::Note& n = live.at(std::string(id));
    n.set_body(std::string(body));
    n.set_version(n.version() + 1);
    return n;
  }

  absl::StatusOr<v1::Note> Archive(std::string_view id) override {
    v1::Note n = live.at(std::string(id));
    live.erase(std::string(id));
    n.set_version(n.version() + 1);
    return n;
  }

  absl::StatusOr<std::vector<v1::Note>> Move(std::string_view from_type, std::string_view from_id,
                                             std::string_view to_type, std::string_view to_id, int limit) override {
    std::vector<v1::Note> moved;
    for (auto& [id, n] : live) {
      if (static_cast<int>(moved.size()) == limit) break;
      if (n.parent_type() != from_type || n.parent_id() != from_id) continue;
      n.set_parent_type(std::string(to_type));
      n.set_parent_id(std::string(to_id));
      n.set_version(n.version() + 1);
      moved.push_back(n);
    }
    return moved;
  }

  std::set<std::string> visible;
  std::map<std::string, v1::Note> live;  // by id, which orders as UUIDv7 does
};

}  // namespace sentra::core::testing

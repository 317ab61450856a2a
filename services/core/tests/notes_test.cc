// NoteLogic on fakes: notes of records the caller sees, changed only by
// their author or an admin.
#include "src/notes.h"

#include <catch2/catch.hpp>

#include "fake_note_queries.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/note.pb.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using service::CallContext;
using Repo = sentra::testing::FakeRepository<NoteQueries, testing::FakeNoteQueries>;

constexpr char kLead[] = "0190f1c2-3b4a-7def-8123-456789abd001";
constexpr char kHiddenLead[] = "0190f1c2-3b4a-7def-8123-456789abd002";
constexpr char kAuthor[] = "0190f1c2-3b4a-7def-8123-456789abcd01";
constexpr char kColleague[] = "0190f1c2-3b4a-7def-8123-456789abcd02";

CallContext Member(const char* user, const std::string& permissions = "leads:read,notes:read,notes:write") {
  return {.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef", .user_id = user, .permissions = permissions};
}

struct Fixture {
  Fixture() { repo.state.visible = {std::string("lead:") + kLead}; }

  v1::Note Create(const std::string& body) {
    v1::CreateNoteRequest request;
    request.set_parent_id(kLead);
    request.set_body(body);
    v1::Note out;
    REQUIRE(notes.Create(Member(kAuthor), "lead", request, &out).ok());
    return out;
  }

  Repo repo;
  NoteLogic notes{repo};
};

}  // namespace

TEST_CASE("notes go on records the caller sees, newest first, with their events", "[core][notes]") {
  Fixture f;
  const v1::Note first = f.Create("  Called, will send a quote ");
  CHECK(first.body() == "Called, will send a quote");
  CHECK(first.author_id() == kAuthor);
  f.Create("Quote sent");
  f.Create("Quote accepted");
  v1::ListNotesRequest request;
  request.set_parent_id(kLead);
  request.set_limit(2);
  v1::ListNotesResponse page;
  REQUIRE(f.notes.List(Member(kColleague), "lead", request, &page).ok());
  REQUIRE(page.data_size() == 2);
  CHECK(page.data(0).body() == "Quote accepted");
  request.set_cursor(page.next_cursor());
  REQUIRE(f.notes.List(Member(kColleague), "lead", request, &page).ok());
  REQUIRE(page.data_size() == 1);
  CHECK(page.data(0).body() == "Called, will send a quote");
  CHECK(f.repo.events.size() == 3);
  CHECK(f.repo.events[0].As<events::v1::NoteChanged>().body() == "Called, will send a quote");

  v1::CreateNoteRequest hidden;
  hidden.set_parent_id(kHiddenLead);
  hidden.set_body("x");
  v1::Note out;
  CHECK(errors::AppCode(f.notes.Create(Member(kAuthor), "lead", hidden, &out)) == "NOT_FOUND");
  // Without the record's own read permission, no notes of it either.
  CHECK(errors::AppCode(f.notes.List(Member(kAuthor, "notes:read"), "lead", request, &page)) == "FORBIDDEN");
}

TEST_CASE("only its author or an admin changes or deletes a note", "[core][notes]") {
  Fixture f;
  const v1::Note note = f.Create("Draft");
  v1::UpdateNoteRequest edit;
  edit.set_id(note.id());
  edit.set_body("Edited");
  v1::Note out;
  CHECK(errors::AppCode(f.notes.Update(Member(kColleague), edit, &out)) == "FORBIDDEN");
  CHECK(errors::AppCode(f.notes.Delete(Member(kColleague), note.id())) == "FORBIDDEN");
  REQUIRE(f.notes.Update(Member(kAuthor), edit, &out).ok());
  CHECK(out.version() == 2);
  edit.set_version(1);
  CHECK(errors::AppCode(f.notes.Update(Member(kAuthor), edit, &out)) == "VERSION_CONFLICT");
  REQUIRE(f.notes.Delete(Member(kColleague, "leads:read,notes:write,organization:manage"), note.id()).ok());
  CHECK(errors::AppCode(f.notes.Get(Member(kAuthor), note.id(), &out)) == "NOT_FOUND");
  CHECK(f.repo.events.back().type == "note.deleted");
}

TEST_CASE("bad note input names its field and writes nothing", "[core][notes]") {
  Fixture f;
  v1::CreateNoteRequest request;
  request.set_parent_id("nope");
  request.set_body("x");
  v1::Note out;
  CHECK(errors::FieldErrors(f.notes.Create(Member(kAuthor), "lead", request, &out))[0].field == "parent_id");
  request.set_parent_id(kLead);
  // (Control characters other than tab and line breaks never get here: the
  // gateway refuses them in every request.)
  for (const std::string& body : {std::string(""), std::string("   \n\t"), std::string(10001, 'x'), std::string("\xff")}) {
    request.set_body(body);
    CHECK(errors::FieldErrors(f.notes.Create(Member(kAuthor), "lead", request, &out))[0].field == "body");
  }
  CHECK(f.repo.state.live.empty());
}

TEST_CASE("a note may span lines and hold tabs, as a note does", "[core][notes]") {
  Fixture f;
  const v1::Note note = f.Create("Called them.\r\nThey want a quote by Friday:\n\t- design\n\t- print");
  CHECK(note.body() == "Called them.\r\nThey want a quote by Friday:\n\t- design\n\t- print");
  v1::UpdateNoteRequest edit;
  edit.set_id(note.id());
  edit.set_body("First line\nSecond line");
  v1::Note out;
  REQUIRE(f.notes.Update(Member(kAuthor), edit, &out).ok());
  CHECK(out.body() == "First line\nSecond line");
}

}  // namespace sentra::core

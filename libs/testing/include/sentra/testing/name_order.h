// Names compared the way core's list statements order them
// (SENTRA_SQL_NAME_ORDER, `COLLATE "und-x-icu"`): ICU's root collation, and
// for names it finds equal, PostgreSQL's tie-break on their bytes. So a
// fake repository pages names in the database's order, and a unit test
// sorted by name can catch what byte order would hide ("Äpfel" before
// "apple", "bob" before "Carl").
#pragma once

#include <string_view>

namespace sentra::testing {

// <0, 0 or >0 as `a` sorts before, with or after `b`.
int CompareNames(std::string_view a, std::string_view b);

}  // namespace sentra::testing

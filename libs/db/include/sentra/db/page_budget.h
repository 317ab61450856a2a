// How much one page of a list may read from PostgreSQL, and the SQL that
// holds a list statement to it. A page stops at its `limit` rows or at
// kPageBytes of row data, whichever comes first (its first row always comes,
// so a page moves on; no row is larger than a request body, 1 MiB). Without
// it, 200 rows of the largest a tenant may write are ~160 MB read into a
// service per request. The database sends only the rows that fit: it sums
// each row's stored size (a `listed_bytes` column kept by the table) in
// list order and stops there.
#pragma once

#include <cstdint>

#include "sentra/db/result.h"

namespace sentra::db {

#define SENTRA_PAGE_BYTES 1048576
inline constexpr std::int64_t kPageBytes = SENTRA_PAGE_BYTES;
// Counted for each row besides its stored size: what a list's columns may
// take beyond the row's own text (tags as JSON, computed columns), so that
// the result stays within kPageBytes.
#define SENTRA_PAGE_ROW_MARGIN 256

// Whether rows follow the last row of `rows`, a result of a SENTRA_SQL_PAGE
// statement: rows cut off by the limit or by the byte budget.
bool MoreAfter(const Result& rows);

}  // namespace sentra::db

#define SENTRA_SQL_PAGE_STR2(x) #x
#define SENTRA_SQL_PAGE_STR(x) SENTRA_SQL_PAGE_STR2(x)

// A list statement held to the byte budget: COLUMNS (what the entity's row
// reader reads, by position) of FROM_WHERE ("leads l WHERE …") in ORDER
// ("l.id DESC"), at most LIMIT ("$8") rows, each costing ROW_BYTES
// ("l.listed_bytes"). Its result has three more columns after COLUMNS,
// for MoreAfter. The window's order is the statement's, so the planner walks
// the same index once and stops after LIMIT + 1 rows.
#define SENTRA_SQL_PAGE(COLUMNS, ROW_BYTES, FROM_WHERE, ORDER, LIMIT)                                              \
  "SELECT * FROM (SELECT " COLUMNS ", lead(true, 1, false) OVER page_order AS page_more, sum(" ROW_BYTES          \
  " + " SENTRA_SQL_PAGE_STR(SENTRA_PAGE_ROW_MARGIN) ") OVER page_order AS page_bytes, "                           \
  "row_number() OVER page_order AS page_row FROM " FROM_WHERE                                                   \
  " WINDOW page_order AS (ORDER BY " ORDER " ROWS UNBOUNDED PRECEDING) ORDER BY " ORDER " LIMIT " LIMIT ") page " \
  "WHERE page_row = 1 OR page_bytes <= " SENTRA_SQL_PAGE_STR(SENTRA_PAGE_BYTES) " ORDER BY page_row"

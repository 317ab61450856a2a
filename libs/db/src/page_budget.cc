#include "sentra/db/page_budget.h"

namespace sentra::db {

bool MoreAfter(const Result& rows) {
  // The columns SENTRA_SQL_PAGE adds: page_more, page_bytes, page_row.
  return rows.rows() > 0 && rows.Bool(rows.rows() - 1, rows.columns() - 3);
}

}  // namespace sentra::db

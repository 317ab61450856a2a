// What each named statement has read from PostgreSQL in this process: its
// results, their bytes in all and the largest one. For operators (the
// gateway's /metrics, through ServiceInfo) and for the test that holds every
// list to its page budget (page_budget.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

typedef struct pg_result PGresult;

namespace sentra::db {

struct StatementReads {
  std::string statement;
  std::int64_t results = 0;
  std::int64_t bytes = 0;          // the values' bytes, as libpq hands them over
  std::int64_t largest_bytes = 0;  // of one result
};

// The bytes of the values in `result`: what reading it cost this process.
std::int64_t ResultBytes(const PGresult* result);

// Counts `result` (of the statement named `statement`, a name with static
// storage: Query::name) towards that statement's reads.
void RecordRead(std::string_view statement, const PGresult* result);

// Every statement read so far, by name.
std::vector<StatementReads> StatementReadsSoFar();

}  // namespace sentra::db

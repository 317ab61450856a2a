// What a service says of itself (ServiceInfo, asked directly over gRPC):
// here, what each of its named statements has read from PostgreSQL.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace sentra::e2e {

struct StatementRead {
  std::int64_t results = 0;
  std::int64_t largest_bytes = 0;
};

// Every statement `address` ("127.0.0.1:50152") has run that returned rows,
// by name; REQUIREs an answer.
std::map<std::string, StatementRead> StatementReads(const std::string& address);

}  // namespace sentra::e2e

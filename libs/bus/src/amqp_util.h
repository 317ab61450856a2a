// Conversions between our types and rabbitmq-c's, private to the bus library.
#pragma once

#include <amqp.h>

#include <string_view>
#include <vector>

#include "sentra/bus/amqp_connection.h"

namespace sentra::bus {

inline amqp_bytes_t Bytes(std::string_view text) {
  return amqp_bytes_t{text.size(), const_cast<char*>(text.data())};
}

inline std::string_view View(amqp_bytes_t bytes) {
  return std::string_view(static_cast<const char*>(bytes.bytes), bytes.len);
}

// rabbitmq-c keeps pointers into `entries` and `table`: both must outlive the call.
amqp_table_t ToAmqpTable(const Table& table, std::vector<amqp_table_entry_t>& entries);

// Reads an integer header (any integer kind); `fallback` when absent.
std::int64_t IntHeader(const amqp_table_t& headers, std::string_view key, std::int64_t fallback);

}  // namespace sentra::bus

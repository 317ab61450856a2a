#include "amqp_util.h"

namespace sentra::bus {

amqp_table_t ToAmqpTable(const Table& table, std::vector<amqp_table_entry_t>& entries) {
  entries.clear();
  entries.reserve(table.size());
  for (const auto& e : table) {
    amqp_table_entry_t entry{};
    entry.key = Bytes(e.key);
    if (e.is_int) {
      entry.value.kind = AMQP_FIELD_KIND_I64;
      entry.value.value.i64 = e.number;
    } else {
      entry.value.kind = AMQP_FIELD_KIND_UTF8;
      entry.value.value.bytes = Bytes(e.text);
    }
    entries.push_back(entry);
  }
  return amqp_table_t{static_cast<int>(entries.size()), entries.data()};
}

std::int64_t IntHeader(const amqp_table_t& headers, std::string_view key, std::int64_t fallback) {
  for (int i = 0; i < headers.num_entries; ++i) {
    const amqp_table_entry_t& e = headers.entries[i];
    if (View(e.key) != key) continue;
    switch (e.value.kind) {
      case AMQP_FIELD_KIND_I8: return e.value.value.i8;
      case AMQP_FIELD_KIND_U8: return e.value.value.u8;
      case AMQP_FIELD_KIND_I16: return e.value.value.i16;
      case AMQP_FIELD_KIND_U16: return e.value.value.u16;
      case AMQP_FIELD_KIND_I32: return e.value.value.i32;
      case AMQP_FIELD_KIND_U32: return e.value.value.u32;
      case AMQP_FIELD_KIND_I64: return e.value.value.i64;
      case AMQP_FIELD_KIND_U64: return static_cast<std::int64_t>(e.value.value.u64);
      default: return fallback;
    }
  }
  return fallback;
}

}  // namespace sentra::bus

#include "sentra/db/result.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace sentra::db {

void Result::Deleter::operator()(PGresult* result) const { PQclear(result); }

Result::Result(PGresult* result) : result_(result) {}

int Result::rows() const { return PQntuples(result_.get()); }
int Result::columns() const { return PQnfields(result_.get()); }

std::int64_t Result::affected() const {
  const char* text = PQcmdTuples(result_.get());
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

bool Result::IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column); }

std::string_view Result::Text(int row, int column) const {
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t Result::Int(int row, int column) const {
  const std::string_view text = Text(row, column);
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

bool Result::Bool(int row, int column) const { return Text(row, column) == "t"; }

std::string Result::Bytes(int row, int column) const {
  std::size_t length = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &length);
  if (raw == nullptr) return {};
  std::string bytes(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return bytes;
}

}  // namespace sentra::db

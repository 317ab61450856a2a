// The rows of one statement's result, read by row and column index.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

typedef struct pg_result PGresult;

namespace sentra::db {

class Result {
 public:
  explicit Result(PGresult* result);
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;

  int rows() const;
  int columns() const;
  // Rows touched by INSERT/UPDATE/DELETE.
  std::int64_t affected() const;

  bool IsNull(int row, int column) const;
  std::string_view Text(int row, int column) const;
  std::string String(int row, int column) const { return std::string(Text(row, column)); }
  std::int64_t Int(int row, int column) const;
  bool Bool(int row, int column) const;
  // A bytea column (hex text form) decoded to its bytes.
  std::string Bytes(int row, int column) const;

 private:
  struct Deleter {
    void operator()(PGresult* result) const;
  };
  std::unique_ptr<PGresult, Deleter> result_;
};

}  // namespace sentra::db

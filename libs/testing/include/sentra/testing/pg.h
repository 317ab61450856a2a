// Test support for [pg] tests: each test gets a scratch schema owned by a
// scratch login role (no superuser, no BYPASSRLS, like a service's role) in
// the private PostgreSQL that deploy/sentra test started.
#pragma once

#include <memory>
#include <string>

#include "sentra/db/connection.h"

namespace sentra::testing {

// SENTRA_TEST_PG_ADMIN_URL; aborts the test binary with a clear message when
// it is missing, because a [pg] test that silently passes without a database
// proves nothing.
std::string PgAdminUrl();

class ScratchSchema {
 public:
  ScratchSchema();
  ~ScratchSchema();
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  const std::string& name() const { return name_; }
  // Connection string for the scratch role, search_path set to the schema.
  const std::string& url() const { return url_; }
  // A superuser connection, for test set-up that a service role may not do.
  db::Connection& admin() { return *admin_; }

 private:
  std::string name_;
  std::string url_;
  std::unique_ptr<db::Connection> admin_;
};

}  // namespace sentra::testing

# cmake -P script: writes a .cc that holds a service's migration files as
# string literals, so a binary carries its schema with it.
# Variables: DIR (folder of NNNN_name.sql), OUT (the .cc), NAMESPACE.
file(GLOB files RELATIVE ${DIR} ${DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f ${files})
  if(NOT f MATCHES "^([0-9]+)_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${f}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name ${CMAKE_MATCH_2})
  file(READ ${DIR}/${f} sql)
  string(APPEND body "    {${version}, \"${name}\", R\"sentra_sql(${sql})sentra_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp
"// Generated from ${DIR} by cmake/EmbedMigrations.cmake. Do not edit.
#include <span>
#include \"sentra/db/migrations.h\"

namespace ${NAMESPACE} {
namespace {
const sentra::db::Migration kAll[] = {
${body}};
}  // namespace
std::span<const sentra::db::Migration> Migrations() { return kAll; }
}  // namespace ${NAMESPACE}
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)

#!/usr/bin/env bash
# Logic classes and their unit tests compile without gRPC, libpq, the
# database library's connections and transactions, or any Pg*Queries: a
# logic class sees its queries' interface (*_queries.h) and a
# service::Repository, never a connection, so a unit test on fakes needs
# nothing else. Checked on every services/*/tests/*_test.cc that is not a
# PostgreSQL test ([pg]), through the compiler's own list of what each
# includes (c++ -M with the build's flags).
# Usage: logic_headers_test.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: logic_headers_test.sh BUILD_DIR}
commands="$build/compile_commands.json"
[ -f "$commands" ] || { echo "no $commands (configure with CMAKE_EXPORT_COMPILE_COMMANDS)"; exit 1; }
forbidden='/grpcpp/|/grpc/|libpq-fe\.h|sentra/db/(pool|connection|transaction)\.h|/pg_[a-z_]+\.h|sentra/service/pg_repository\.h'
checked=0 failed=0
while IFS=$'\t' read -r file command; do
  grep -q '"\[pg\]' "$file" && continue
  read -ra args <<<"$command"
  flags=()
  for ((i = 1; i < ${#args[@]}; i++)); do
    case ${args[i]} in
      -isystem) flags+=(-isystem "${args[i + 1]}"); i=$((i + 1)) ;;
      -I* | -D* | -std=*) flags+=("${args[i]}") ;;
    esac
  done
  deps=$(c++ "${flags[@]}" -M "$file" | tr ' \\' '\n\n')
  bad=$(grep -E "$forbidden" <<<"$deps" | sort -u || true)
  checked=$((checked + 1))
  if [ -n "$bad" ]; then
    failed=$((failed + 1))
    echo "${file#"$PWD"/} includes what a logic test must not:"
    sed 's/^/  /' <<<"$bad"
  fi
done < <(jq -r '.[] | select(.file | test("/services/[a-z]+/tests/[a-z_]+_test\\.cc$")) | [.file, .command] | @tsv' "$commands")
[ "$checked" -gt 20 ] || { echo "only $checked unit test files found: is $commands complete?"; exit 1; }
echo "$checked unit test files checked, $failed with a forbidden include"
[ "$failed" -eq 0 ]

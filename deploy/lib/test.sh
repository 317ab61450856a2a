# deploy/sentra test: private, throwaway PostgreSQL and RabbitMQ for one test
# run, every test against them, and both stopped again however the run ends.

# First free port at or above $1 with $2 free ports after it.
free_port() {
  local port=$1 span=${2:-1} i busy
  while :; do
    busy=0
    for ((i = 0; i < span; i++)); do port_open $((port + i)) && { busy=1; break; }; done
    [ $busy = 0 ] && { echo "$port"; return; }
    port=$((port + span + 1))
  done
}

# Starts the throwaway stack and exports where its parts are (SENTRA_TEST_*).
start_test_stack() {
  local dir
  dir=$(mktemp -d /tmp/sentra-test.XXXXXX)
  chmod 755 "$dir"
  TEST_DIR=$dir
  # The whole stack, as `up` runs it, but throwaway: own state, free ports.
  SENTRA_STATE=$dir
  SENTRA_PG_PORT=$(free_port "${SENTRA_TEST_PG_PORT:-25432}")
  SENTRA_AMQP_PORT=$(free_port "${SENTRA_TEST_AMQP_PORT:-25672}" 14)
  SENTRA_GRPC_BASE_PORT=$(free_port 25150 6)
  SENTRA_HTTP_ADDR=127.0.0.1:$(free_port 25080)
  trap 'test_cleanup' EXIT
  trap 'exit 130' INT TERM

  # Every test comes from 127.0.0.1: per-address limits high, so that only
  # the tests about them meet them; a per-user limit the tests can reach.
  SENTRA_RATE_IP=${SENTRA_RATE_IP:-100000/1m}
  SENTRA_RATE_ATTEMPTS_IP=${SENTRA_RATE_ATTEMPTS_IP:-100000/1m}
  SENTRA_RATE_USER=${SENTRA_RATE_USER:-100/1m}
  SENTRA_RATE_OPS_IP=${SENTRA_RATE_OPS_IP:-100000/1m}
  # Low enough that a test can reach it.
  SENTRA_INVITATIONS_PER_DAY=${SENTRA_INVITATIONS_PER_DAY:-25}
  export SENTRA_TEST_INVITATIONS_PER_DAY=$SENTRA_INVITATIONS_PER_DAY
  # Short, so tests can reuse a rotated refresh token after it.
  SENTRA_REFRESH_REUSE_GRACE=${SENTRA_REFRESH_REUSE_GRACE:-2s}
  export SENTRA_TEST_REFRESH_REUSE_GRACE_SECONDS=${SENTRA_REFRESH_REUSE_GRACE%s}
  # Often enough that a test sees task.overdue within seconds.
  SENTRA_TASK_OVERDUE_CHECK=${SENTRA_TASK_OVERDUE_CHECK:-1s}
  SENTRA_CORS_ORIGINS=https://console.sentra.test
  export SENTRA_TEST_CORS_ORIGIN=$SENTRA_CORS_ORIGINS

  say "test stack in $dir: PostgreSQL $SENTRA_PG_PORT, RabbitMQ $SENTRA_AMQP_PORT, gateway $SENTRA_HTTP_ADDR"
  stack_start fast

  local password
  password=$(secret pg_superuser)
  export SENTRA_TEST_PG_ADMIN_URL="postgresql://postgres:$password@127.0.0.1:$SENTRA_PG_PORT/postgres"
  export SENTRA_TEST_STACK_DB_URL="postgresql://postgres:$password@127.0.0.1:$SENTRA_PG_PORT/sentra"
  export SENTRA_TEST_AMQP_URL="amqp://guest:guest@127.0.0.1:$SENTRA_AMQP_PORT"
  export SENTRA_TEST_GATEWAY_URL="http://$SENTRA_HTTP_ADDR"
  export SENTRA_TEST_AUTH_SECRET
  SENTRA_TEST_AUTH_SECRET=$(secret_key auth_master_key)
  export SENTRA_TEST_CORE_ADDR="127.0.0.1:$(service_port core)"
  export SENTRA_TEST_AUTH_ADDR="127.0.0.1:$(service_port auth)"
  # Lets fault tests stop and start the broker: "$SENTRA_TEST_BROKER_CTL stop|start".
  export SENTRA_TEST_BROKER_CTL="$SENTRA_ROOT/deploy/lib/broker_ctl.sh $dir/rabbitmq $SENTRA_AMQP_PORT"
  export SENTRA_TEST_STATE=$dir
  # What a test needs to start a second gateway of its own (TLS) in front of
  # the same services.
  export SENTRA_TEST_GATEWAY_BIN="$SENTRA_BUILD/gateway/sentra-gateway"
  export SENTRA_TEST_AUTH_BIN="$SENTRA_BUILD/services/auth/sentra-auth"
  export SENTRA_TEST_GATEWAY_ENV="$dir/gateway.env"
  service_env gateway > "$SENTRA_TEST_GATEWAY_ENV"
  export SENTRA_ROOT SENTRA_BUILD
}

# run_tests [ctest arguments]: every test; then, on the same stack and only
# for a full run, a short chaos run (SENTRA_CHAOS_CYCLES, 3; 0 skips it).
run_tests() {
  start_test_stack
  say "running tests"
  ctest --test-dir "$SENTRA_BUILD" --output-on-failure --timeout 300 -j "${SENTRA_TEST_JOBS:-2}" "$@"
  local cycles=${SENTRA_CHAOS_CYCLES:-3}
  if [ $# -eq 0 ] && [ "$cycles" != 0 ]; then chaos_cycles "$cycles"; fi
}

test_cleanup() {
  local status=$?
  trap - EXIT
  # A chaos driver still writing would keep retrying for minutes.
  if [ -n "${CHAOS_DRIVER:-}" ]; then kill -KILL "$CHAOS_DRIVER" 2>/dev/null || true; fi
  # Stopping the stack must not be cut short: not by a reader of our output
  # that went away (SIGPIPE), nor by a second Ctrl-C.
  trap '' PIPE INT TERM
  # Our output may be gone (a reader that quit): writing to it fails, and
  # that must not stop us before the servers are.
  if [ $status != 0 ]; then
    local log
    for log in "$TEST_DIR"/logs/*[a-z].log "$TEST_DIR"/logs/*.out; do
      [ -s "$log" ] || continue
      { echo "--- last lines of $(basename "$log")"; tail -n 15 "$log"; } >&2 2>/dev/null || true
    done
  fi
  say "stopping the test stack" 2>/dev/null || true
  stack_down >/dev/null 2>&1 || true
  if [ $status = 0 ] || [ -n "${CI:-}" ]; then rm -rf "$TEST_DIR"; else say "kept $TEST_DIR for inspection"; fi
  exit $status
}

# deploy/sentra bench [seconds] [connections]: the benchmarks in tests/bench
# against the same throwaway stack as the tests (fsync off: the figures are
# the software's, not this machine's disk's).
run_bench() {
  # The limiter stays in the measured path, with limits the load never meets.
  SENTRA_RATE_USER=${SENTRA_RATE_USER:-1000000000/1s} SENTRA_RATE_ORG=${SENTRA_RATE_ORG:-1000000000/1s} \
    SENTRA_RATE_API_KEY=${SENTRA_RATE_API_KEY:-1000000000/1s}
  start_test_stack
  # pgbench runs the read transaction as core's own role, beside the bench.
  SENTRA_BENCH_CORE_DB_URL=$(service_env core | sed -n 's/^SENTRA_DB_URL=//p')
  SENTRA_BENCH_PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
  export SENTRA_BENCH_CORE_DB_URL SENTRA_BENCH_PGBENCH
  if [ "${1:-}" = soak ]; then
    shift
    "$SENTRA_BUILD/tests/bench/sentra_soak_bench" "$@"
    return
  fi
  if [ "${1:-}" = attack ]; then
    shift
    "$SENTRA_BUILD/tests/bench/sentra_tenant_attack_bench" "$@"
    return
  fi
  "$SENTRA_BUILD/tests/bench/sentra_hot_path_bench" "$@"
  "$SENTRA_BUILD/tests/bench/sentra_event_latency_bench" "${1:-10}"
  "$SENTRA_BUILD/tests/bench/sentra_json_bench"
}

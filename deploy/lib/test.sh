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

run_tests() {
  local dir
  dir=$(mktemp -d /tmp/sentra-test.XXXXXX)
  chmod 755 "$dir"
  TEST_DIR=$dir
  TEST_PG_PORT=$(free_port "${SENTRA_TEST_PG_PORT:-25432}")
  TEST_AMQP_PORT=$(free_port "${SENTRA_TEST_AMQP_PORT:-25672}" 14)
  trap 'test_cleanup' EXIT
  trap 'exit 130' INT TERM

  local password=test-superuser
  say "test servers: PostgreSQL on $TEST_PG_PORT, RabbitMQ on $TEST_AMQP_PORT (in $dir)"
  pg_init "$dir/pg" "$password"
  pg_start "$dir/pg" "$TEST_PG_PORT" "$dir/pg.log" fast
  rmq_start "$dir/rabbitmq" "$TEST_AMQP_PORT" "$dir/rabbitmq.log"

  export SENTRA_TEST_PG_ADMIN_URL="postgresql://postgres:$password@127.0.0.1:$TEST_PG_PORT/postgres"
  export SENTRA_TEST_AMQP_URL="amqp://guest:guest@127.0.0.1:$TEST_AMQP_PORT"
  # Lets fault tests stop and start the broker: "$SENTRA_TEST_BROKER_CTL stop|start".
  export SENTRA_TEST_BROKER_CTL="$SENTRA_ROOT/deploy/lib/broker_ctl.sh $dir/rabbitmq $TEST_AMQP_PORT"
  export SENTRA_ROOT

  say "running tests"
  ctest --test-dir "$SENTRA_BUILD" --output-on-failure --timeout 300 -j "${SENTRA_TEST_JOBS:-2}" "$@"
}

test_cleanup() {
  local status=$?
  trap - EXIT
  say "stopping test servers"
  rmq_stop "$TEST_DIR/rabbitmq" "$TEST_AMQP_PORT"
  pg_stop "$TEST_DIR/pg"
  if [ $status = 0 ] || [ -n "${CI:-}" ]; then rm -rf "$TEST_DIR"; else say "kept $TEST_DIR for inspection"; fi
  exit $status
}

# deploy/sentra chaos [cycles]: mixed writes from several organizations
# through the gateway while, each cycle, one part of the stack is killed with
# SIGKILL and started again; then the driver (tests/chaos) counts what came
# through. Also the end of `deploy/sentra test`, with 3 cycles.

# What each cycle kills, in turn (the first three are the short run of
# `deploy/sentra test`); "service" and "consumer" rotate over these.
CHAOS_TARGETS=(relay broker postgres service consumer)
CHAOS_SERVICES=(core gateway auth)
CHAOS_CONSUMERS=(analytics comms billing)

# run_chaos [cycles]: on a throwaway stack of its own.
run_chaos() {
  local cycles=${1:-100}
  [[ "$cycles" =~ ^[1-9][0-9]*$ ]] || die "usage: deploy/sentra chaos [cycles] (a positive number)"
  start_test_stack
  chaos_cycles "$cycles"
}

# chaos_cycles N: on the running test stack (its variables set).
chaos_cycles() {
  local cycles=$1 dir="$TEST_DIR/chaos" i target struck=()
  mkdir -p "$dir"
  say "chaos: $cycles cycles of SIGKILL (${CHAOS_TARGETS[*]}); logs in $TEST_DIR/logs"
  # The limits are not under test here: the gateway again, with ones the
  # writers never meet.
  export SENTRA_RATE_USER=1000000/1s SENTRA_RATE_ORG=1000000/1s
  stop_process_quietly gateway
  start_process gateway
  # The test stack's PostgreSQL acknowledges a COMMIT before its WAL leaves
  # the server's memory: a killed server loses the last ones. Not here.
  pg_stop "$SENTRA_STATE/pg" || die "chaos: PostgreSQL did not stop"
  pg_start "$SENTRA_STATE/pg" "$SENTRA_PG_PORT" "$SENTRA_STATE/pg.log" kill-safe
  # A second core, so that killing the relay leader has a standby to take over.
  CHAOS_REPLICA_PORT=$(free_port $((SENTRA_GRPC_BASE_PORT + 6)))
  start_process core-b core "SENTRA_GRPC_ADDR=127.0.0.1:$CHAOS_REPLICA_PORT"
  chaos_wait_ready

  "$SENTRA_BUILD/tests/chaos/sentra_chaos" "$dir" &
  CHAOS_DRIVER=$!  # test_cleanup stops it if this run dies
  until [ -e "$dir/ready" ]; do
    kill -0 "$CHAOS_DRIVER" 2>/dev/null || die "chaos: the driver stopped before it was ready"
    sleep 0.2
  done
  for ((i = 0; i < cycles; i++)); do
    target=${CHAOS_TARGETS[i % ${#CHAOS_TARGETS[@]}]}
    case "$target" in
      service) target=${CHAOS_SERVICES[(i / ${#CHAOS_TARGETS[@]}) % ${#CHAOS_SERVICES[@]}]} ;;
      consumer) target=${CHAOS_CONSUMERS[(i / ${#CHAOS_TARGETS[@]}) % ${#CHAOS_CONSUMERS[@]}]} ;;
      relay) target="relay leader $(chaos_relay_leader)" || die "chaos: no core process holds the relay's lock" ;;
    esac
    chaos_strike "$target"
    struck+=("$target")
    chaos_wait_ready
    pid_alive "$SENTRA_STATE/run/core-b.pid" || die "chaos: the standby core (core-b) is not running"
    chaos_sleep_ms $((500 + RANDOM % 1000))  # normal operation before the next one
    kill -0 "$CHAOS_DRIVER" 2>/dev/null || break
  done
  { printf '%d cycles (' "${#struck[@]}"
    printf '%s\n' "${struck[@]}" | sort | uniq -c | awk '{n=$1; $1=""; printf "%s%s ×%d", sep, substr($0,2), n; sep=", "}'
    printf ')\n'; } > "$dir/kills"
  touch "$dir/stop"
  local status=0
  wait "$CHAOS_DRIVER" || status=$?
  CHAOS_DRIVER=
  return $status
}

chaos_sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# Ready again: the gateway caches /readyz for 1 s and services refresh their
# own checks every 2 s, so an answer from before the kill is waited out first.
chaos_wait_ready() {
  sleep 2.5
  wait_until 120 curl -fsS "http://$SENTRA_HTTP_ADDR/readyz" \
    || { stack_status >&2; die "chaos: the stack did not recover within 120 s"; }
}

# Which core process holds the relay's advisory lock (libs/bus, relay.try_lock):
# its backend's client port, and the process that owns that port.
chaos_relay_leader() {
  local port pid name
  port=$(pg_admin -d sentra -tA -c "
    SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
      AND l.classid::bigint = (hashtext('core.outbox_relay')::bigint >> 32) & 4294967295
      AND l.objid::bigint = hashtext('core.outbox_relay')::bigint & 4294967295")
  [ -n "$port" ] || return 1
  pid=$(ss -Htnp "( sport = :$port )" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  for name in core core-b; do
    [ -n "$pid" ] && [ "$(cat "$SENTRA_STATE/run/$name.pid" 2>/dev/null)" = "$pid" ] && { echo "$name"; return 0; }
  done
  return 1
}

# SIGKILL to every process in `pid`'s group (a server and its workers die
# together, as in a crash), then a pause of 0.2-1.5 s.
chaos_kill() {
  local pid=$1 group _
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "chaos: nothing to kill (pid '$pid')"
  group=$(ps -o pgid= -p "$pid" | tr -d ' ')
  if [ -n "$group" ] && [ "$group" = "$pid" ]; then kill -KILL -- "-$group" 2>/dev/null || true
  else kill -KILL "$pid" 2>/dev/null || true; fi
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  ! kill -0 "$pid" 2>/dev/null || die "chaos: $pid survived SIGKILL"
  chaos_sleep_ms $((200 + RANDOM % 1300))
}

chaos_strike() {
  local target=$1 name
  case "$target" in
    broker)
      chaos_kill "$(rmq_pid "$SENTRA_STATE/rabbitmq")"
      rmq_start "$SENTRA_STATE/rabbitmq" "$SENTRA_AMQP_PORT" "$SENTRA_STATE/rabbitmq.log" ;;
    postgres)
      chaos_kill "$(pg_pid "$SENTRA_STATE/pg")"
      local tries=0
      until (pg_start "$SENTRA_STATE/pg" "$SENTRA_PG_PORT" "$SENTRA_STATE/pg.log" kill-safe) >/dev/null 2>&1; do
        tries=$((tries + 1))
        [ $tries -lt 60 ] || die "chaos: PostgreSQL did not start again"
        sleep 0.5
      done ;;
    *)
      name=${target#relay leader }
      chaos_kill "$(cat "$SENTRA_STATE/run/$name.pid" 2>/dev/null)"
      if [ "$name" = core-b ]; then start_process core-b core "SENTRA_GRPC_ADDR=127.0.0.1:$CHAOS_REPLICA_PORT"
      else start_process "$name"; fi ;;
  esac
}

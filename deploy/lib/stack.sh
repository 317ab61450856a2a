# The local stack of deploy/sentra up/down/status/logs: private PostgreSQL and
# RabbitMQ under .state/, the database roles and schemas, and the Sentra
# processes. Sourced by deploy/sentra.

SENTRA_PG_PORT=${SENTRA_PG_PORT:-54320}
SENTRA_AMQP_PORT=${SENTRA_AMQP_PORT:-56720}
SENTRA_HTTP_ADDR=${SENTRA_HTTP_ADDR:-127.0.0.1:8080}

SENTRA_GRPC_BASE_PORT=${SENTRA_GRPC_BASE_PORT:-50150}

# name → gRPC port of each service: base + its place in services.txt (1, 2, …).
service_port() {
  local i
  for i in "${!SENTRA_SERVICES[@]}"; do
    [ "${SENTRA_SERVICES[$i]}" = "$1" ] && { echo $((SENTRA_GRPC_BASE_PORT + i + 1)); return 0; }
  done
  die "unknown service '$1'"
}

# Processes that exist in this build, in start order (services, then the gateway).
stack_processes() {
  local svc
  for svc in "${SENTRA_SERVICES[@]}"; do
    [ -x "$SENTRA_BUILD/services/$svc/sentra-$svc" ] && echo "$svc"
  done
  [ -x "$SENTRA_BUILD/gateway/sentra-gateway" ] && echo gateway
  return 0
}

pg_admin() { pg_psql "$SENTRA_PG_PORT" "$(secret pg_superuser)" "$@"; }

# One database, and per service one schema owned by one login role that can
# use nothing else; none of them superuser or BYPASSRLS, so RLS applies.
db_bootstrap() {
  pg_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = 'sentra'" | grep -q 1 \
    || pg_admin -d postgres -c "CREATE DATABASE sentra"
  pg_admin -d sentra -c "REVOKE ALL ON SCHEMA public FROM PUBLIC"
  local svc
  for svc in "${SENTRA_SERVICES[@]}"; do
    pg_admin -d sentra -v role="sentra_$svc" -v schema="$svc" -v password="$(secret "db_$svc")" \
      -f "$SENTRA_ROOT/deploy/sql/service_role.sql"
  done
}

# service_db_url NAME: the service's own database role on this stack.
service_db_url() {
  echo "postgresql://sentra_$1:$(secret "db_$1")@127.0.0.1:$SENTRA_PG_PORT/sentra"
}

service_env() {
  local name=$1
  echo "SENTRA_SERVICE=$name"
  echo "SENTRA_LOG_LEVEL=${SENTRA_LOG_LEVEL:-info}"
  echo "SENTRA_AMQP_URL=amqp://guest:guest@127.0.0.1:$SENTRA_AMQP_PORT"
  if [ "$name" = gateway ]; then
    echo "SENTRA_HTTP_ADDR=$SENTRA_HTTP_ADDR"
    [ -f "$SENTRA_ROOT/web/dist/index.html" ] && echo "SENTRA_CONSOLE_DIR=$SENTRA_ROOT/web/dist"
    # Edge settings pass through when set (README: rate limits, CORS, TLS).
    local var
    for var in SENTRA_CORS_ORIGINS SENTRA_TRUST_FORWARDED_FOR ${!SENTRA_RATE_@} ${!SENTRA_TLS_@}; do
      [ -n "${!var:-}" ] && echo "$var=${!var}"
    done
    local svc
    for svc in "${SENTRA_SERVICES[@]}"; do
      echo "SENTRA_${svc^^}_ADDR=127.0.0.1:$(service_port "$svc")"
    done
  else
    echo "SENTRA_GRPC_ADDR=127.0.0.1:$(service_port "$name")"
    echo "SENTRA_DB_URL=$(service_db_url "$name")"
  fi
  # core asks auth whether owner_id and brand_id name its members and brands.
  if [ "$name" = core ]; then
    echo "SENTRA_AUTH_ADDR=127.0.0.1:$(service_port auth)"
    [ -n "${SENTRA_TASK_OVERDUE_CHECK:-}" ] && echo "SENTRA_TASK_OVERDUE_CHECK=$SENTRA_TASK_OVERDUE_CHECK"
  fi
  # The links in invitation, reset and verification e-mails open this
  # stack's console.
  [ "$name" = comms ] && echo "SENTRA_APP_URL=${SENTRA_APP_URL:-http://$SENTRA_HTTP_ADDR}"
  if [ "$name" = auth ]; then
    echo "SENTRA_AUTH_SECRET=$(secret_key auth_master_key)"
    # auth asks core whether a client-portal member's client exists.
    echo "SENTRA_CORE_ADDR=127.0.0.1:$(service_port core)"
    local setting
    for setting in SENTRA_INVITATIONS_PER_DAY SENTRA_REFRESH_REUSE_GRACE ${!SENTRA_PASSWORD_HASH@}; do
      [ -n "${!setting:-}" ] && echo "$setting=${!setting}"
    done
  fi
}

process_binary() {
  if [ "$1" = gateway ]; then echo "$SENTRA_BUILD/gateway/sentra-gateway"
  else echo "$SENTRA_BUILD/services/$1/sentra-$1"; fi
}

# start_process NAME [PROGRAM [VAR=VALUE…]]: runs PROGRAM (NAME by default:
# a service or the gateway) with its settings, the given ones overriding
# them, under NAME's pid file and log. A second replica is
# `start_process core-b core SENTRA_GRPC_ADDR=…`. The process writes its
# log itself, rotated by size (SENTRA_LOG_MAX_BYTES, SENTRA_LOG_FILES); what
# it prints before its logging starts, or as it crashes, goes to NAME.out.
start_process() {
  local name=$1 program=${2:-$1} pidfile="$SENTRA_STATE/run/$1.pid" log="$SENTRA_STATE/logs/$1.log"
  local out="$SENTRA_STATE/logs/$1.out"
  shift $(($# > 1 ? 2 : 1))
  pid_alive "$pidfile" && return 0
  mkdir -p "$SENTRA_STATE/run" "$SENTRA_STATE/logs"
  local envs
  mapfile -t envs < <(service_env "$program")
  envs+=("SENTRA_LOG_FILE=$log" "$@")  # env(1) keeps the last value of a variable given twice
  (env "${envs[@]}" setsid "$(process_binary "$program")" >>"$out" 2>&1 < /dev/null &
   echo $! > "$pidfile")
  sleep 0.3
  pid_alive "$pidfile" || { tail -n 5 "$out" "$log" >&2 2>/dev/null; die "$name exited at start (log: $log, $out)"; }
}

# stack_start [fast]: servers, roles and schemas, every Sentra process, and
# waits until the gateway reports everything ready. "fast" is for tests.
stack_start() {
  mkdir -p "$SENTRA_STATE"
  pg_init "$SENTRA_STATE/pg" "$(secret pg_superuser)"
  pg_start "$SENTRA_STATE/pg" "$SENTRA_PG_PORT" "$SENTRA_STATE/pg.log" "${1:-}"
  rmq_start "$SENTRA_STATE/rabbitmq" "$SENTRA_AMQP_PORT" "$SENTRA_STATE/rabbitmq.log"
  db_bootstrap
  local name started=0
  for name in $(stack_processes); do start_process "$name"; started=$((started + 1)); done
  say "PostgreSQL 127.0.0.1:$SENTRA_PG_PORT, RabbitMQ 127.0.0.1:$SENTRA_AMQP_PORT, $started Sentra processes"
  wait_until 60 curl -fsS "http://$SENTRA_HTTP_ADDR/readyz" \
    || { stack_status; curl -sS "http://$SENTRA_HTTP_ADDR/readyz" >&2; die "not ready after 60 s"; }
}

stack_up() {
  stack_start
  local url="http://$SENTRA_HTTP_ADDR"
  seed_demo "$url"
  stack_status
  cat <<DONE

  Sentra is running. Open the console:  $url/
  Demo login:  $(cat "$SENTRA_STATE/demo/email")  /  $(cat "$SENTRA_STATE/demo/password")

  The API is under $url/v1, for example:

    curl -s $url/v1/auth/login -H 'Content-Type: application/json' \\
      -d '{"email":"$(cat "$SENTRA_STATE/demo/email")","password":"$(cat "$SENTRA_STATE/demo/password")"}'

DONE
}

# The demo organization and its owner, once, kept across restarts; then its
# sample data (deploy/seed_demo.mjs), which adds only what is not there yet.
seed_demo() {
  local url=$1 dir="$SENTRA_STATE/demo"
  [ -f "$dir/done" ] || create_demo_login "$url"
  node --no-warnings "$SENTRA_ROOT/deploy/seed_demo.mjs" "$url" "$(cat "$dir/email")" "$(cat "$dir/password")" \
    "$dir/seeded.json" || die "could not add the demo organization's sample data"
}

create_demo_login() {
  local url=$1 dir="$SENTRA_STATE/demo"
  mkdir -p "$dir"
  [ -s "$dir/email" ] || echo "demo@sentra.local" > "$dir/email"
  local email password
  email=$(cat "$dir/email")
  password=$(secret demo_password)
  echo "$password" > "$dir/password"
  local body
  body=$(curl -sS "$url/v1/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"organization_name\":\"Demo Agency\",\"organization_slug\":\"demo\",\"name\":\"Demo Owner\",\"email\":\"$email\",\"password\":\"$password\"}")
  if ! printf '%s' "$body" | grep -q access_token; then
    # Signed up by an earlier run that stopped before it was recorded: log in instead.
    body=$(curl -sS "$url/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$password\"}")
  fi
  printf '%s' "$body" | grep -q access_token || die "could not create the demo login: $body"
  touch "$dir/done"
}

stack_down() {
  local name pidfile
  for name in gateway "${SENTRA_SERVICES[@]}"; do stop_process_quietly "$name"; done
  # Replicas started beside them (deploy/sentra chaos).
  for pidfile in "$SENTRA_STATE"/run/*.pid; do [ -e "$pidfile" ] && stop_pid "$pidfile" 20; done
  rmq_stop "$SENTRA_STATE/rabbitmq" "$SENTRA_AMQP_PORT"
  pg_stop "$SENTRA_STATE/pg"
  say "stopped; data kept in $SENTRA_STATE"
}

stop_process_quietly() { stop_pid "$SENTRA_STATE/run/$1.pid" 20; }

status_line() { printf '%-10s %-5s %-8s %s\n' "$@"; }

stack_status() {
  status_line NAME STATE PID PORT
  if pg_running "$SENTRA_STATE/pg" 2>/dev/null; then
    status_line postgres up "$(pg_pid "$SENTRA_STATE/pg")" "$SENTRA_PG_PORT"
  else status_line postgres down - "$SENTRA_PG_PORT"; fi
  local pid
  pid=$(rmq_pid "$SENTRA_STATE/rabbitmq")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then status_line rabbitmq up "$pid" "$SENTRA_AMQP_PORT"
  else status_line rabbitmq down - "$SENTRA_AMQP_PORT"; fi
  local name port
  for name in "${SENTRA_SERVICES[@]}" gateway; do
    if [ "$name" = gateway ]; then port=${SENTRA_HTTP_ADDR##*:}; else port=$(service_port "$name"); fi
    if pid_alive "$SENTRA_STATE/run/$name.pid"; then
      status_line "$name" up "$(cat "$SENTRA_STATE/run/$name.pid")" "$port"
    else status_line "$name" down - "$port"; fi
  done
}

stack_logs() {
  local name=${1:-}
  if [ -z "$name" ]; then
    # The current log of each process, not its rotated ones (NAME.1.log …).
    ls "$SENTRA_STATE/logs" 2>/dev/null | grep -E '^[a-z-]+\.log$' | sed 's/\.log$//'
    echo "postgres rabbitmq"
    return
  fi
  case "$name" in
    postgres) exec tail -n 100 -F "$SENTRA_STATE/pg.log" ;;
    rabbitmq) exec tail -n 100 -F "$SENTRA_STATE/rabbitmq.log" ;;
    *) [ -f "$SENTRA_STATE/logs/$name.log" ] || die "no log for '$name'"
       exec tail -n 100 -F "$SENTRA_STATE/logs/$name.log" ;;
  esac
}

# Dies unless every argument names a service; before any work is done.
require_services() {
  local svc
  for svc in "$@"; do
    [[ " ${SENTRA_SERVICES[*]} " == *" $svc "* ]] || die "unknown service '$svc' (one of: ${SENTRA_SERVICES[*]})"
  done
}

# deploy/sentra jobs SERVICE stats | failed [after-id] | retry ID…
stack_jobs() {
  local service=$1
  shift
  port_open "$SENTRA_PG_PORT" || die "PostgreSQL is not running here (deploy/sentra up starts it)"
  SENTRA_DB_URL=$(service_db_url "$service") \
    "$SENTRA_BUILD/libs/jobs/sentra-jobs" "$@"
}

# deploy/sentra replay-parked [service…]
stack_replay_parked() {
  [ $# -gt 0 ] || set -- "${SENTRA_SERVICES[@]}"
  require_services "$@"
  port_open "$SENTRA_AMQP_PORT" || die "RabbitMQ is not running here (deploy/sentra up starts it)"
  SENTRA_AMQP_URL="amqp://guest:guest@127.0.0.1:$SENTRA_AMQP_PORT" "$SENTRA_BUILD/libs/bus/sentra-replay-parked" "$@"
}

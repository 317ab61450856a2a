# The local stack of deploy/sentra up/down/status/logs: private PostgreSQL and
# RabbitMQ under .state/, the database roles and schemas, and the Sentra
# processes. Sourced by deploy/sentra.

SENTRA_PG_PORT=${SENTRA_PG_PORT:-54320}
SENTRA_AMQP_PORT=${SENTRA_AMQP_PORT:-56720}
SENTRA_HTTP_ADDR=${SENTRA_HTTP_ADDR:-127.0.0.1:8080}
SENTRA_SERVICES=(auth core comms billing analytics)

# name → gRPC port of each service.
service_port() {
  case "$1" in
    auth) echo 50151 ;; core) echo 50152 ;; comms) echo 50153 ;;
    billing) echo 50154 ;; analytics) echo 50155 ;;
  esac
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

service_env() {
  local name=$1
  echo "SENTRA_SERVICE=$name"
  echo "SENTRA_LOG_LEVEL=${SENTRA_LOG_LEVEL:-info}"
  echo "SENTRA_AMQP_URL=amqp://guest:guest@127.0.0.1:$SENTRA_AMQP_PORT"
  if [ "$name" = gateway ]; then
    echo "SENTRA_HTTP_ADDR=$SENTRA_HTTP_ADDR"
    local svc
    for svc in "${SENTRA_SERVICES[@]}"; do
      echo "SENTRA_${svc^^}_ADDR=127.0.0.1:$(service_port "$svc")"
    done
  else
    echo "SENTRA_GRPC_ADDR=127.0.0.1:$(service_port "$name")"
    echo "SENTRA_DB_URL=postgresql://sentra_$name:$(secret "db_$name")@127.0.0.1:$SENTRA_PG_PORT/sentra"
  fi
}

process_binary() {
  if [ "$1" = gateway ]; then echo "$SENTRA_BUILD/gateway/sentra-gateway"
  else echo "$SENTRA_BUILD/services/$1/sentra-$1"; fi
}

start_process() {
  local name=$1 pidfile="$SENTRA_STATE/run/$1.pid" log="$SENTRA_STATE/logs/$1.log"
  pid_alive "$pidfile" && return 0
  mkdir -p "$SENTRA_STATE/run" "$SENTRA_STATE/logs"
  local envs
  mapfile -t envs < <(service_env "$name")
  (env "${envs[@]}" setsid "$(process_binary "$name")" >>"$log" 2>&1 < /dev/null &
   echo $! > "$pidfile")
  sleep 0.3
  pid_alive "$pidfile" || { tail -n 5 "$log" >&2; die "$name exited at start (log: $log)"; }
}

stack_up() {
  mkdir -p "$SENTRA_STATE"
  [ -f "$SENTRA_ROOT/.gitignore" ] || echo "/.state/" > "$SENTRA_ROOT/.gitignore"
  pg_init "$SENTRA_STATE/pg" "$(secret pg_superuser)"
  pg_start "$SENTRA_STATE/pg" "$SENTRA_PG_PORT" "$SENTRA_STATE/pg.log"
  rmq_start "$SENTRA_STATE/rabbitmq" "$SENTRA_AMQP_PORT" "$SENTRA_STATE/rabbitmq.log"
  db_bootstrap
  local name started=0
  for name in $(stack_processes); do start_process "$name"; started=$((started + 1)); done
  say "PostgreSQL 127.0.0.1:$SENTRA_PG_PORT, RabbitMQ 127.0.0.1:$SENTRA_AMQP_PORT, $started Sentra processes"
  stack_status
}

stack_down() {
  local name
  for name in gateway "${SENTRA_SERVICES[@]}"; do stop_process_quietly "$name"; done
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
    ls "$SENTRA_STATE/logs" 2>/dev/null | sed 's/\.log$//'
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

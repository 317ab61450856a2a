# A private RabbitMQ node: own HOME, Mnesia dir, ports and epmd, loopback only.
# Sourced by deploy/sentra.

RMQ_BIN=/usr/lib/rabbitmq/bin

# rmq_env DIR PORT: the environment that keeps the node, and the CLI tools
# talking to it, entirely inside DIR and on private ports.
rmq_env() {
  local dir=$1 port=$2
  local epmd=$((port + 1)) dist=$((port + 2)) ctl=$((port + 3))
  echo "HOME=$dir/home" \
    "RABBITMQ_NODENAME=sentra$port@localhost" \
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1" \
    "RABBITMQ_NODE_PORT=$port" \
    "RABBITMQ_DIST_PORT=$dist" \
    "ERL_EPMD_PORT=$epmd" \
    "ERL_EPMD_ADDRESS=127.0.0.1" \
    "RABBITMQ_MNESIA_BASE=$dir/mnesia" \
    "RABBITMQ_LOG_BASE=$dir/log" \
    "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins" \
    "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf" \
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf" \
    "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config" \
    "RABBITMQ_PID_FILE=$dir/rabbitmq.pid" \
    "RABBITMQ_CTL_DIST_PORT_MIN=$ctl" \
    "RABBITMQ_CTL_DIST_PORT_MAX=$((ctl + 10))"
}

rmq_run() {
  local dir=$1 port=$2; shift 2
  # shellcheck disable=SC2046
  env $(rmq_env "$dir" "$port") \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" "$@"
}

rmq_node() { echo "sentra$2@localhost"; }

rmq_ping() { rmq_run "$1" "$2" "$RMQ_BIN/rabbitmq-diagnostics" -n "$(rmq_node "$1" "$2")" -q ping; }

# rmq_start DIR PORT LOGFILE
rmq_start() {
  local dir=$1 port=$2 log=$3
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  [ -f "$dir/enabled_plugins" ] || echo '[].' > "$dir/enabled_plugins"
  : > "$dir/rabbitmq-env.conf"
  [ -f "$dir/advanced.config" ] || echo '[].' > "$dir/advanced.config"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$port
loopback_users.guest = true
log.console = false
log.file.level = warning
# Version 2 of classic queues stores persistent messages in far fewer
# writes: with publisher confirms it more than doubles what one relay can
# publish (tests/bench). Queues declared before this setting keep version 1.
classic_queue.default_version = 2
CONF
  if port_open "$port" && rmq_ping "$dir" "$port" >/dev/null 2>&1; then return 0; fi
  (rmq_run "$dir" "$port" setsid "$RMQ_BIN/rabbitmq-server" >>"$log" 2>&1 < /dev/null &)
  # The node answers ping before the AMQP listener is up: wait for both.
  wait_until 90 rmq_ping "$dir" "$port" && wait_until 60 port_open "$port" \
    || { tail -n 30 "$log" >&2; die "RabbitMQ did not start (log: $log)"; }
}

rmq_pid() { cat "$1/rabbitmq.pid" 2>/dev/null; }

rmq_stop() {
  local dir=$1 port=$2 pid
  pid=$(rmq_pid "$dir")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    rmq_run "$dir" "$port" timeout 60 "$RMQ_BIN/rabbitmqctl" -n "$(rmq_node "$dir" "$port")" -q stop >/dev/null 2>&1 || true
    # rabbitmqctl stop returns before the VM exits.
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  epmd -port $((port + 1)) -kill >/dev/null 2>&1 || true
  rm -f "$dir/rabbitmq.pid"
}

# A private PostgreSQL 15 cluster: own data dir, loopback TCP only, no system service.
# Sourced by deploy/sentra. Variables: PG_DIR (data dir), PG_PORT.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# initdb and pg_ctl refuse to run as root: as root they run as the postgres user.
# From /, which the postgres user can always enter (the caller's folder may
# be private).
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# As root, the data dir must be reachable by the postgres user; a repo under a
# private home is not, so the cluster then lives under /var/lib/sentra and the
# state folder links to it.
pg_place_data_dir() {
  local dir=$1
  is_root || return 0
  [ -e "$dir" ] && return 0
  mkdir -p "$(dirname "$dir")"
  if runuser -u postgres -- test -x "$(dirname "$dir")"; then return 0; fi
  local real
  real=/var/lib/sentra/$(printf '%s' "$dir" | sha256sum | cut -c1-16)/$(basename "$dir")
  mkdir -p "$real"
  ln -sfn "$real" "$dir"
}

# The path the postgres user is given: the data dir with links resolved, since
# it may not be able to pass through the checkout to follow the link.
pg_real_dir() { readlink -f "$1"; }

pg_init() {
  local dir=$1 password=$2
  [ -f "$dir/PG_VERSION" ] && return 0
  pg_place_data_dir "$dir"
  mkdir -p "$dir"
  dir=$(pg_real_dir "$dir")
  local pwfile
  pwfile=$(mktemp)
  printf '%s\n' "$password" > "$pwfile"
  if is_root; then chown -R postgres: "$dir" "$pwfile"; fi
  chmod 700 "$dir"
  as_pg "$PG_BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=reject -E UTF8 --locale=C.UTF-8 >/dev/null \
    || { rm -f "$pwfile"; die "initdb failed for $dir"; }
  rm -f "$pwfile"
}

# pg_start DIR PORT LOGFILE [fast]: "fast" trades durability for speed (tests only).
pg_start() {
  local dir=$1 port=$2 log=$3 mode=${4:-}
  local opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories= -c max_connections=300"
  case "$mode" in
    # Tests: nothing needs to survive a crash.
    fast) opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;;
    # The chaos suite: every COMMIT is in the kernel before it returns, so a
    # killed server loses nothing committed (only a machine crash would).
    kill-safe) opts="$opts -c fsync=off -c full_page_writes=off" ;;
  esac
  local real
  real=$(pg_real_dir "$dir")
  if as_pg "$PG_BIN/pg_ctl" -D "$real" status >/dev/null 2>&1; then return 0; fi
  if [ "$real" != "$dir" ]; then
    # A relocated cluster logs beside it; the requested log path links there.
    ln -sfn "$(dirname "$real")/postgresql.log" "$log"
    log="$(dirname "$real")/postgresql.log"
  fi
  touch "$log"
  is_root && chown postgres: "$log"
  as_pg "$PG_BIN/pg_ctl" -D "$real" -l "$log" -w -t 60 -o "$opts" start >/dev/null \
    || { tail -n 20 "$log" >&2; die "PostgreSQL did not start (log: $log)"; }
}

pg_stop() {
  local dir=$1
  [ -f "$dir/postmaster.pid" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$(pg_real_dir "$dir")" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  ! pg_running "$dir"  # fails when it did not stop
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$(pg_real_dir "$1")" status >/dev/null 2>&1; }

pg_pid() { head -n 1 "$1/postmaster.pid" 2>/dev/null; }

# psql as the superuser against the private cluster.
pg_psql() {
  local port=$1 password=$2; shift 2
  PGPASSWORD=$password PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

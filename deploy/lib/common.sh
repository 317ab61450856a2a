# Shared helpers for deploy/sentra: paths, messages, packages, process control.
# Sourced, not run.

SENTRA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SENTRA_STATE=${SENTRA_STATE:-$SENTRA_ROOT/.state}
SENTRA_BUILD=${SENTRA_BUILD:-$SENTRA_ROOT/build}
# The services in start order, from the one list (services/services.txt).
mapfile -t SENTRA_SERVICES < <(grep -E '^[a-z]+$' "$SENTRA_ROOT/services/services.txt")

say() { printf '\033[1msentra:\033[0m %s\n' "$*" >&2; }
die() { printf 'sentra: error: %s\n' "$*" >&2; exit 1; }
((${#SENTRA_SERVICES[@]})) || die "no services in $SENTRA_ROOT/services/services.txt"

is_root() { [ "$(id -u)" = 0 ]; }

# Debian packages that building and running Sentra need (`up`): the
# compilers and libraries (the build configures its tests too: catch2 and
# ICU's headers are small), the private servers, Node.js for the console.
SENTRA_PACKAGES=(
  cmake g++ ninja-build pkg-config ccache mold
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libpq-dev librabbitmq-dev libspdlog-dev catch2 libboost1.81-dev
  libsodium-dev libicu-dev libjemalloc-dev libgoogle-perftools-dev libssl-dev openssl
  postgresql rabbitmq-server curl nodejs
)
# And what only the tests, fuzzers and benchmarks need besides: clang for
# the fuzzers, `ss` for the chaos suite, a browser for the console's tests,
# jq for the README's API walkthrough (docs/examples/walkthrough.sh).
SENTRA_TEST_PACKAGES=(clang libclang-rt-14-dev iproute2 chromium jq)

# missing_packages [extra…]: those of SENTRA_PACKAGES and `extra` not installed.
missing_packages() {
  local pkg
  for pkg in "${SENTRA_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || echo "$pkg"
  done
  # Debian's npm, unless a Node.js from elsewhere brought its own.
  command -v npm >/dev/null || echo npm
}

# The web console (web/), built into web/dist for the gateway to serve:
# packages exactly as the lockfile has them (npm ci), then the production
# build, each only when its inputs changed.
build_console() {
  local web="$SENTRA_ROOT/web"
  if [ ! -f "$web/node_modules/.package-lock.json" ] ||
     [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    say "installing the console's packages (npm ci)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in web/"
  fi
  # The API's types, from the OpenAPI document the C++ build wrote: the
  # console's build (tsc) fails when the console no longer fits the API.
  local document="$SENTRA_BUILD/openapi.json" types="$web/src/api/schema.d.ts"
  [ -f "$document" ] || die "no $document: build the C++ part first (deploy/sentra build)"
  if [ ! -f "$types" ] || [ "$document" -nt "$types" ]; then
    (cd "$web" && node_modules/.bin/openapi-typescript "$document" -o "$types" >/dev/null) ||
      die "openapi-typescript could not make the console's API types from $document"
  fi
  if [ ! -f "$web/dist/index.html" ] ||
     [ -n "$(find "$web/src" "$web/public" "$web/index.html" "$web/vite.config.ts" "$web/package-lock.json" \
               -newer "$web/dist/index.html" -print -quit)" ]; then
    say "building the console (web/dist)"
    (cd "$web" && npm run --silent build >/dev/null) || die "the console's build failed: cd web && npm run build"
  fi
}

# ensure_packages [extra…]: installs what missing_packages names.
ensure_packages() {
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  say "installing Debian packages: $missing"
  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null || die "not root and no sudo: install these first: apt-get install $missing"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# A random secret, stored once under the state folder (mode 600) and reused.
secret() {
  local file="$SENTRA_STATE/secrets/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$SENTRA_STATE/secrets"
    chmod 700 "$SENTRA_STATE/secrets"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$file")
  fi
  cat "$file"
}

# A random 32-byte key in base64url, stored once like secret().
secret_key() {
  local file="$SENTRA_STATE/secrets/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$SENTRA_STATE/secrets"
    chmod 700 "$SENTRA_STATE/secrets"
    (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$file")
  fi
  cat "$file"
}

# Is the process recorded in PIDFILE alive?
pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stops the process recorded in PIDFILE: TERM, then KILL after a grace period.
stop_pid() {
  local pidfile=$1 grace=${2:-15} pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$pidfile"
}

# Waits until COMMAND succeeds or SECONDS pass.
wait_until() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

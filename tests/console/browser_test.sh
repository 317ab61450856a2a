#!/usr/bin/env bash
# The console in a real browser: Playwright (web/tests) drives Debian's
# Chromium against the stack `deploy/sentra test` started, whose gateway
# serves web/dist. Screenshots go to $SENTRA_BUILD/console-artifacts.
# Exit 77 (skipped) only where there is no Chromium to drive.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
chromium=${SENTRA_CHROMIUM:-$(command -v chromium || true)}
if [ -z "$chromium" ]; then
  echo "skipped: no Chromium here (Debian's chromium package); the console was not tested in a browser"
  exit 77
fi
[ -n "${SENTRA_TEST_GATEWAY_URL:-}" ] || { echo "run through deploy/sentra test: no stack"; exit 1; }
[ -d "$root/web/node_modules" ] || { echo "web/node_modules missing: deploy/sentra builds the console first"; exit 1; }
curl -fsS -o /dev/null "$SENTRA_TEST_GATEWAY_URL/" || { echo "the gateway serves no console at $SENTRA_TEST_GATEWAY_URL/"; exit 1; }
export SENTRA_CHROMIUM=$chromium
export SENTRA_CONSOLE_ARTIFACTS=${SENTRA_CONSOLE_ARTIFACTS:-${SENTRA_BUILD:-$root/build}/console-artifacts}
rm -rf "$SENTRA_CONSOLE_ARTIFACTS"
cd "$root/web"
exec node_modules/.bin/playwright test

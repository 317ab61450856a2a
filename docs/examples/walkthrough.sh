#!/usr/bin/env bash
# The API from sign-up to a confirmed order, with curl and jq: the commands
# the README shows, run by the tests against their own stack so they stay
# true. Usage: docs/examples/walkthrough.sh [BASE_URL]   (http://127.0.0.1:8080)
set -euo pipefail
API=${1:-${SENTRA_TEST_GATEWAY_URL:-http://127.0.0.1:8080}}
step() { printf '\n== %s\n' "$*" >&2; }
# call METHOD PATH [BODY] [extra curl args…]: prints the body; fails on an
# unexpected status (4xx/5xx) with the error envelope.
call() {
  local method=$1 path=$2 body=${3:-} out status
  shift $(( $# < 3 ? $# : 3 ))
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$API$path" \
    -H 'Content-Type: application/json' ${TOKEN:+-H "Authorization: Bearer $TOKEN"} \
    ${body:+--data "$body"} "$@")
  cat "$out"; rm -f "$out"
  [ "$status" -lt 400 ] || { echo " <- $method $path answered $status" >&2; return 1; }
}

step "Sign up: a new organization and its owner (an access token for 15 minutes, a refresh token)"
EMAIL="owner-$(date +%s%N)@example.com"
SESSION=$(call POST /v1/auth/signup \
  "{\"organization_name\":\"Acme Studio\",\"name\":\"Ada Owner\",\"email\":\"$EMAIL\",\"password\":\"correct horse battery\"}")
TOKEN=$(jq -r .access_token <<<"$SESSION")
REFRESH=$(jq -r .refresh_token <<<"$SESSION")
jq '{user: .user.email, organization: .organization.slug, expires_in}' <<<"$SESSION"

step "A client"
CLIENT=$(call POST /v1/clients '{"kind":"company","name":"Globex Corporation","email":"billing@globex.example"}' \
  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)")
CLIENT_ID=$(jq -r .id <<<"$CLIENT")
jq '{id, name, version}' <<<"$CLIENT"

step "A draft order: each line priced exactly, tax per line rounded half-up"
KEY=$(cat /proc/sys/kernel/random/uuid)
ORDER_BODY="{\"client_id\":\"$CLIENT_ID\",\"currency\":\"EUR\",\"lines\":[
  {\"description\":\"Design work\",\"quantity\":\"3\",\"unit_price\":\"400.00\",\"tax_rate\":\"20\"},
  {\"description\":\"Loyalty discount\",\"unit_price\":\"-100.00\",\"tax_rate\":\"20\"}]}"
ORDER=$(call POST /v1/orders "$ORDER_BODY" -H "Idempotency-Key: $KEY")
ORDER_ID=$(jq -r .id <<<"$ORDER")
jq '{id, status, subtotal, tax, total, lines: [.lines[] | {description, total}]}' <<<"$ORDER"

step "The same request again with the same Idempotency-Key: the first answer, nothing written twice"
AGAIN=$(call POST /v1/orders "$ORDER_BODY" -H "Idempotency-Key: $KEY")
[ "$(jq -r .id <<<"$AGAIN")" = "$ORDER_ID" ] || { echo "a second order was made" >&2; exit 1; }
echo "same order: $ORDER_ID"

step "A mistake is a 400 naming the field"
MISTAKE=$(call POST /v1/orders "{\"client_id\":\"$CLIENT_ID\",\"currency\":\"EUR\",\"lines\":[{\"description\":\"x\",\"quantity\":\"-1\",\"unit_price\":\"1\"}]}" \
  2>/dev/null || true)
jq -c .error <<<"$MISTAKE"
jq -e '.error.code == "VALIDATION_ERROR" and .error.details[0].field == "lines[0].quantity"' <<<"$MISTAKE" >/dev/null ||
  { echo "expected a 400 naming lines[0].quantity" >&2; exit 1; }

step "Confirm it, at the version read (a stale version is 409 VERSION_CONFLICT)"
call POST "/v1/orders/$ORDER_ID/confirm" "{\"version\":$(jq .version <<<"$ORDER")}" | jq '{status, version, confirmed_at}'

step "List the organization's orders, a page at a time"
PAGE=$(call GET "/v1/orders?limit=1&status=confirmed")
jq '{ids: [.data[].id], next_cursor}' <<<"$PAGE"

step "Renew the access token before it expires (the refresh token rotates)"
RENEWED=$(TOKEN= call POST /v1/auth/refresh "{\"refresh_token\":\"$REFRESH\"}")
TOKEN=$(jq -r .access_token <<<"$RENEWED")
call GET /v1/auth/me | jq '{role, permissions: (.permissions | length)}'

step "An API key for a program (its secret is shown once)"
APIKEY=$(call POST /v1/api-keys '{"name":"Invoicing export","permissions":["orders:read","clients:read"]}' \
  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)")
TOKEN=$(jq -r .secret <<<"$APIKEY") call GET "/v1/orders/$ORDER_ID" | jq '{id, status, total}'
echo "walkthrough done" >&2

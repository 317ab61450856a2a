#!/usr/bin/env bash
# Renders both kustomize overlays and checks what every workload must have.
# Exits 77 (skipped) where kubectl is not installed.
set -euo pipefail
command -v kubectl >/dev/null || { echo "kubectl not installed: skipped"; exit 77; }
root=$(cd "$(dirname "$0")/../.." && pwd)
# The one list of services: every manifest and compose.yaml must have each.
mapfile -t services < <(grep -E '^[a-z]+$' "$root/services/services.txt")
n=${#services[@]}
[ "$n" -ge 5 ] || { echo "services.txt lists $n services"; exit 1; }
compose_gateway=$(sed -n '/^  gateway:/,/^[a-z]/p' "$root/deploy/compose.yaml")
for svc in "${services[@]}"; do
  grep -q "^  $svc:" "$root/deploy/compose.yaml" || { echo "compose.yaml: no service $svc"; exit 1; }
  grep -q "SENTRA_${svc^^}_ADDR: $svc:50051" <<<"$compose_gateway" || { echo "compose.yaml: gateway lacks $svc"; exit 1; }
done
for overlay in dev prod; do
  out=$(kubectl kustomize "$root/k8s/overlays/$overlay")
  deployments=$(grep -c '^kind: Deployment' <<<"$out")
  [ "$deployments" = $((n + 1)) ] || { echo "$overlay: $deployments Deployments, want $((n + 1))"; exit 1; }
  # Each document's kind and name; the gateway's Deployment on its own.
  workloads=$(awk 'BEGIN { RS = "\n---\n" } match($0, /(^|\n)kind: [A-Za-z]+/) {
    kind = substr($0, RSTART, RLENGTH); sub(/.*kind: /, "", kind)
    if (match($0, /\n  name: [^\n]+/)) print kind, substr($0, RSTART + 9, RLENGTH - 9) }' <<<"$out")
  gateway=$(awk 'BEGIN { RS = "\n---\n" } /(^|\n)kind: Deployment\n/ && /\n  name: sentra-gateway\n/' <<<"$out")
  for svc in "${services[@]}"; do
    grep -qx "Deployment sentra-$svc" <<<"$workloads" || { echo "$overlay: no Deployment sentra-$svc"; exit 1; }
    grep -qx "Job sentra-$svc-migrate" <<<"$workloads" || { echo "$overlay: no Job sentra-$svc-migrate"; exit 1; }
    grep -A1 "name: SENTRA_${svc^^}_ADDR\$" <<<"$gateway" | grep -q "value: sentra-$svc:50051" ||
      { echo "$overlay: the gateway is not told where $svc is"; exit 1; }
  done
  for want in 'runAsNonRoot: true' 'readOnlyRootFilesystem: true'; do
    count=$(grep -c "$want" <<<"$out")
    [ "$count" -ge $((n + 1)) ] || { echo "$overlay: only $count workloads with $want"; exit 1; }
  done
  grep -q 'kind: NetworkPolicy' <<<"$out" || { echo "$overlay: no NetworkPolicy"; exit 1; }
  # Migrations: a Job per service, and every service waits for its Job.
  jobs=$(grep -c '^kind: Job' <<<"$out")
  [ "$jobs" = "$n" ] || { echo "$overlay: $jobs migration Jobs, want $n"; exit 1; }
  [ "$(grep -c 'value: only' <<<"$out")" = "$n" ] || { echo "$overlay: a Job does not only migrate"; exit 1; }
  [ "$(grep -c 'value: await' <<<"$out")" = "$n" ] || { echo "$overlay: a service does not await its Job"; exit 1; }
  [ "$(grep -c 'grpc:' <<<"$out")" -ge $((3 * n)) ] || { echo "$overlay: services lack gRPC probes"; exit 1; }
  echo "$overlay: renders, $deployments Deployments"
done

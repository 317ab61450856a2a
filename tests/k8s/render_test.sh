#!/usr/bin/env bash
# Renders both kustomize overlays and checks what every workload must have.
# Exits 77 (skipped) where kubectl is not installed.
set -euo pipefail
command -v kubectl >/dev/null || { echo "kubectl not installed: skipped"; exit 77; }
root=$(cd "$(dirname "$0")/../.." && pwd)
for overlay in dev prod; do
  out=$(kubectl kustomize "$root/k8s/overlays/$overlay")
  deployments=$(grep -c '^kind: Deployment' <<<"$out")
  [ "$deployments" = 6 ] || { echo "$overlay: $deployments Deployments, want 6"; exit 1; }
  for want in 'runAsNonRoot: true' 'readOnlyRootFilesystem: true'; do
    n=$(grep -c "$want" <<<"$out")
    [ "$n" -ge 6 ] || { echo "$overlay: only $n workloads with $want"; exit 1; }
  done
  grep -q 'kind: NetworkPolicy' <<<"$out" || { echo "$overlay: no NetworkPolicy"; exit 1; }
  # Migrations: a Job per service, and every service waits for its Job.
  jobs=$(grep -c '^kind: Job' <<<"$out")
  [ "$jobs" = 5 ] || { echo "$overlay: $jobs migration Jobs, want 5"; exit 1; }
  [ "$(grep -c 'value: only' <<<"$out")" = 5 ] || { echo "$overlay: a Job does not only migrate"; exit 1; }
  [ "$(grep -c 'value: await' <<<"$out")" = 5 ] || { echo "$overlay: a service does not await its Job"; exit 1; }
  [ "$(grep -c 'grpc:' <<<"$out")" -ge 15 ] || { echo "$overlay: services lack gRPC probes"; exit 1; }
  echo "$overlay: renders, $deployments Deployments"
done

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
  [ "$(grep -c 'grpc:' <<<"$out")" -ge 15 ] || { echo "$overlay: services lack gRPC probes"; exit 1; }
  echo "$overlay: renders, $deployments Deployments"
done

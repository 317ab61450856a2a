#!/usr/bin/env bash
# Stops or starts the test run's private RabbitMQ, for broker-outage tests.
# Usage: broker_ctl.sh DIR PORT stop|start
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$SENTRA_ROOT/deploy/lib/rabbitmq.sh"
dir=$1 port=$2
case "$3" in
  stop) rmq_stop "$dir" "$port" ;;
  start) rmq_start "$dir" "$port" "$dir/../rabbitmq.log.$(date +%s)" ;;
  *) exit 2 ;;
esac

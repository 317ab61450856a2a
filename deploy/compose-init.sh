#!/bin/sh
# First start of the compose PostgreSQL: one role and schema per service of
# services/services.txt (mounted at /sentra/services.txt).
set -e
services=$(grep -E '^[a-z]+$' /sentra/services.txt)
[ -n "$services" ] || { echo "no services in /sentra/services.txt" >&2; exit 1; }
for svc in $services; do
  psql -v ON_ERROR_STOP=1 -U postgres -d sentra -v role="sentra_$svc" -v schema="$svc" \
       -v password="${SENTRA_DB_PASSWORD:-change-me}" -f /sentra/service_role.sql
done

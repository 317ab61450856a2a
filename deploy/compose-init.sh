#!/bin/sh
# First start of the compose PostgreSQL: one role and schema per service of
# services/services.txt (mounted at /sentra/services.txt).
set -e
for svc in $(grep -E '^[a-z]+$' /sentra/services.txt); do
  psql -v ON_ERROR_STOP=1 -U postgres -d sentra -v role="sentra_$svc" -v schema="$svc" \
       -v password="${SENTRA_DB_PASSWORD:-change-me}" -f /sentra/service_role.sql
done

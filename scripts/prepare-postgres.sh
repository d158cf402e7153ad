#!/usr/bin/env bash
# Prepares the local PostgreSQL for the integration tests: two-phase commit needs
# max_prepared_transactions > 0 (it is 0 by default). Idempotent: does nothing when already set.
set -euo pipefail

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
PGDATABASE="${PGDATABASE:-test}"
export PGHOST PGPORT PGUSER PGDATABASE

if ! command -v psql >/dev/null 2>&1; then
  echo "prepare-postgres: psql not found; skipping (the PostgreSQL tests will report PostgreSQL as unreachable)" >&2
  exit 0
fi
if ! psql -Atqc "select 1" >/dev/null 2>&1; then
  echo "prepare-postgres: PostgreSQL is not reachable at $PGHOST:$PGPORT; skipping (the PostgreSQL tests will be skipped)" >&2
  exit 0
fi

current="$(psql -Atqc "show max_prepared_transactions")"
if [ "$current" != "0" ]; then
  echo "prepare-postgres: max_prepared_transactions = $current, nothing to do"
  exit 0
fi

echo "prepare-postgres: max_prepared_transactions is 0; setting it to 64 and restarting the cluster"
psql -Atqc "alter system set max_prepared_transactions = 64" >/dev/null
# why: the setting only takes effect at server start; pg_ctlcluster finds the local Debian cluster
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
pg_ctlcluster --skip-systemctl-redirect "$version" main restart

for _ in $(seq 1 60); do
  if psql -Atqc "select 1" >/dev/null 2>&1; then
    echo "prepare-postgres: max_prepared_transactions = $(psql -Atqc "show max_prepared_transactions")"
    exit 0
  fi
  sleep 0.5
done
echo "prepare-postgres: PostgreSQL did not accept connections within 30 s after the restart" >&2
exit 1

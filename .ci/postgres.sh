#!/usr/bin/env bash
# Make PostgreSQL's server binaries (initdb, pg_ctl, postgres) available for the test suite.
# The tests start their own throwaway cluster (test/support/postgres.ts); this script only
# installs the binaries from Debian's packages when they are missing. Prints the bin folder.
set -euo pipefail

find_bin() {
  if [ -n "${NTNT_PG_BIN:-}" ] && [ -x "$NTNT_PG_BIN/initdb" ]; then echo "$NTNT_PG_BIN"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

if ! bin=$(find_bin); then
  echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  # The package's own cluster is not used: ask postgresql-common not to create one.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
  apt-get install -y -q --no-install-recommends postgresql >&2
  bin=$(find_bin) || { echo "postgres.sh: initdb/pg_ctl still missing after install" >&2; exit 1; }
fi
echo "$bin"

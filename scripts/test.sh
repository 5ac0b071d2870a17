#!/usr/bin/env bash
# The second of the README's two commands (`npm test`): installs what the tests need, checks types,
# lint and format, then runs the whole suite on SQLite and again on a throw-away PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/apt-install.sh postgresql espeak-ng sox sip-tester baresip tshark python3 make g++
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The RTP datagram I/O (native/rtp-io), built by npm ci; again when its source changed since.
if [ ! -f build/Release/rtp_io.node ] || [ -n "$(find native binding.gyp -newer build/Release/rtp_io.node)" ]; then
  npm run --silent build:native >/dev/null
fi

echo "== typecheck" >&2
npm run --silent typecheck
echo "== lint and format" >&2
npm run --silent lint

echo "== tests on SQLite" >&2
npm run --silent test:suite

pg_dir=$(mktemp -d /tmp/voxgate-pg.XXXXXX)
trap 'scripts/pg-temp.sh stop "$pg_dir/pg"; rm -rf "$pg_dir"' EXIT
pg_url=$(scripts/pg-temp.sh start "$pg_dir/pg")
echo "== tests on PostgreSQL ($pg_url)" >&2
VOXGATE_TEST_DATABASE_URL=$pg_url npm run --silent test:suite
echo "== all tests passed on SQLite and PostgreSQL" >&2

#!/usr/bin/env bash
# The first of the README's two commands (with `npm start`): installs what Voxgate needs on a
# Debian machine with Node.js 20: the system tools later features use, and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "voxgate: Node.js 20 or later is needed (found $(node -v))" >&2
  exit 1
fi

# Text-to-speech (espeak-ng), audio conversion (sox), SIP test peer (sip-tester provides sipp),
# and the compilers that build native modules (ours, native/rtp-io, and those npm modules fall back to).
scripts/apt-install.sh espeak-ng sox sip-tester python3 make g++

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The RTP datagram I/O (native/rtp-io), built by npm ci; again when its source changed since.
if [ ! -f build/Release/rtp_io.node ] || [ -n "$(find native binding.gyp -newer build/Release/rtp_io.node)" ]; then
  npm run --silent build:native >/dev/null
fi
echo "voxgate: setup done; 'npm start' starts the server" >&2

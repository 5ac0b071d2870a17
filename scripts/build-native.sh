#!/usr/bin/env bash
# Builds the RTP datagram I/O (native/rtp-io) with node-gyp, which npm puts on the PATH of its
# scripts (`npm ci` runs this as the install step). Against the headers of the Node that runs it:
# npm's nodedir setting when there is one, else the system's (/usr/include/node), else node-gyp's
# own download.
set -euo pipefail
cd "$(dirname "$0")/.."
args=(rebuild)
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_api.h ]; then
  args+=(--nodedir=/usr)
fi
exec node-gyp "${args[@]}"

#!/usr/bin/env bash
# Writes the sample output the README and docs quote: `npm start` (start.txt), `npm run demo` against
# it (demo.txt), the host's /healthz after it (healthz.json) and `hr-sync dlq list` (dlq-list.txt),
# run from the repository root exactly as a newcomer runs them.
# The host gets a fresh data directory and a free port so it touches nothing of yours; in the files that
# directory's temporary path is written as `.hr-sync` (the default a newcomer sees) and nothing else is
# changed. Usage: docs/output/capture.sh   (from anywhere; needs `npm ci` done)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/output"
cd "$root"

data="$(mktemp -d)"
# Port 3000 as in the README when it is free, else any free one.
port="$(node -e '
  const net = require("node:net");
  const tryPort = (p) => { const s = net.createServer(); s.once("error", () => tryPort(0));
    s.listen(p, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); }); };
  tryPort(3000);')"
export HR_SYNC_DATA_DIR="$data" PORT="$port"

# setsid: npm and the host in a process group of their own, stopped together below with SIGTERM
# (the host finishes its batch and exits; a SIGKILL to npm alone would leave the host running).
setsid npm start >"$out/start.raw" 2>&1 &
group=$!
stop() { kill -TERM -- "-$group" 2>/dev/null || true; wait "$group" 2>/dev/null || true; rm -rf "$data"; }
trap stop EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
npm run demo >"$out/demo.raw" 2>&1
curl -fsS "http://127.0.0.1:$port/healthz" >"$out/healthz.raw"
# What the demo's last line points at: the CLI against the same data directory, beside the running host.
npm run --silent hr-sync -- dlq list >"$out/dlq-list.raw" 2>&1 || true
stop
trap - EXIT

for name in start demo healthz dlq-list; do
  sed "s#$data#.hr-sync#g" "$out/$name.raw" >"$out/$name.txt"
  rm "$out/$name.raw"
done
mv "$out/healthz.txt" "$out/healthz.json"
echo "wrote $out/start.txt, demo.txt, healthz.json, dlq-list.txt (port $port)"

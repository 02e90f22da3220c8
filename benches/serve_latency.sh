#!/usr/bin/env bash
# Latency of the what-if page's run (wom serve, POST /api/run): the shipped
# default scenario (or SCENARIO) at the page's replication count, end to end over HTTP
# (simulation, summary, charts, report), on 2 threads. Each timed request
# differs a little (the margin, which costs nothing to change) so that none
# is answered from the server's cache of recent answers. Prints the load
# average before and after: other processes on the cores slow it down.
#
#   bash benches/serve_latency.sh [path/to/wom] [SCENARIO]
#   bash benches/serve_latency.sh target/release/wom scenarios/staffing.toml
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wom="${1:-$repo/target/release/wom}"
scenario="${2:-}"
log="$(mktemp)"
"$wom" serve ${scenario:+"$scenario"} --port 0 --threads 2 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$log")

post() { # body; prints the seconds it took
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' -d "$1" "${url}api/run"
}
stats() { # label
  sort -n | awk -v label="$1" '{ t[NR] = $1 } END {
    printf "%s: min %.3f s, median %.3f s, max %.3f s (%d requests)\n", label, t[1], t[int((NR + 1) / 2)], t[NR], NR }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
replications=$(curl -s "${url}api/knobs" | grep -o '"replications":[0-9]*' | head -1 | cut -d: -f2)
echo "page run: ${scenario:-the default scenario}, $replications replications"
post '{}' >/dev/null # warm-up
post '{"set": {"economics.margin": "49.0"}}' >/dev/null
for i in $(seq 10 29); do post "{\"set\": {\"economics.margin\": \"50.$i\"}}"; done | stats "as given (margin nudged)"
for i in $(seq 30 39); do post "{\"set\": {\"experience.complaint_rate\": \"0.$i\"}}"; done | stats "one knob moved"
post '{}' >/dev/null # back in the cache of the last 16 answers
for _ in $(seq 10); do post '{}'; done | stats "the same request again (cached)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

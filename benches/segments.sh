#!/usr/bin/env bash
# What segments cost, measured as in benches/README.md ("Segments"):
# interleaved runs of `wom run` on one thread, the café at 100,000 people
# and 30 replications, as shipped, with two segments at the café's rates
# (own margins and handling factors: the same people, problems and stories,
# so the difference is the cost of segments), with a chronic segment
# overriding every key, and with that plus a policy parting with them.
# Prints "label user_seconds wall_seconds peak_rss_kib" per run.
#
#   bash benches/segments.sh                     # this checkout's binary
#   BASE=/path/to/other/wom bash benches/segments.sh   # plus another build
#   ROUNDS=5 PEOPLE=100000 REPLICATIONS=30 bash benches/segments.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"
cargo build --release --quiet
wom="$repo/target/release/wom"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cafe="$repo/scenarios/cafe.toml"
cp "$cafe" "$tmp/plain.toml"
{ cat "$cafe"; cat <<'TOML'

[segments.small]
share = 0.3
margin = 20.0
handle_factor = 3.0
[segments.large]
margin = 34.0
TOML
} >"$tmp/same_rates.toml"
chronic='
[segments.chronic]
share = 0.05
margin = 20.0
problem_rate = 0.6
complaint_rate = 0.9
base_churn = 0.01
resolve_factor = 0.3
handle_factor = 8.0
[segments.regular]
margin = 32.0
problem_rate = 0.07
complaint_rate = 0.25
base_churn = 0.02
'
{ cat "$cafe"; echo "$chronic"; } >"$tmp/chronic.toml"
{ cat "$cafe"; echo "$chronic"; cat <<'TOML'
[policies.pastry_and_part]
handling = "recover"
response_hours = 1.0
resolve_rate = 0.9
compensation = 2.0
part_with = { segment = "chronic", after_complaints = 2, manner = "graceful" }
TOML
} >"$tmp/parting.toml"

run() { # label binary scenario
  /usr/bin/time -f "$1 %U %e %M" "$2" run "$3" --set "population.people=${PEOPLE:-100000}" \
    --replications "${REPLICATIONS:-30}" --threads 1 --quiet --no-charts --out "$tmp/out" \
    2>&1 >/dev/null | tail -1
}
for _ in $(seq 1 "${ROUNDS:-5}"); do
  uptime
  if [[ -n "${BASE:-}" ]]; then run base_plain "$BASE" "$tmp/plain.toml"; fi
  run plain "$wom" "$tmp/plain.toml"
  run segments_same_rates "$wom" "$tmp/same_rates.toml"
  run chronic_segment "$wom" "$tmp/chronic.toml"
  run chronic_parting_4_policies "$wom" "$tmp/parting.toml"
done

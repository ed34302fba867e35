#!/usr/bin/env bash
# run-benchmarks.sh GEN_HISTORY FSRS_REPLAY ORACLE STARTUP APP MINIMAL MINIMAL_BACKGROUND BENCH...
# Makes the benchmark collection once, then runs each benchmark on it,
# times fsrs-replay against the reference oracle on the same events (and
# on them as a progress log), and
# times the app's start-up against a minimal libadwaita window.
set -euo pipefail
gen=$1 replay=$2 oracle=$3 startup=$4 app=$5 minimal=$6 minimal_background=$7
shift 7
data=${MESON_BUILD_ROOT:-.}/bench-data
if [ ! -f "$data/rehearse.db" ]; then
  echo "== gen-history (once): $data"
  "$gen" "$data"
fi

for bench in "$@"; do
  echo "== $(basename "$bench")"
  "$bench" "$data"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

events=$(wc -l < "$data/events.csv")
echo "== fsrs-replay: $events events, TZ=UTC, rollover 0, fuzz off"
replay_s=$(for i in 1 2 3 4 5; do seconds sh -c "TZ=UTC '$replay' --rollover-hour 0 < '$data/events.csv'"; done | median)
printf 'fsrs-replay   median %.3f s over 5 runs: %.0f events/s (target >= 1,000,000)\n' \
  "$replay_s" "$(echo "$events / $replay_s" | bc -l)"

# The same events as a progress log, read whole, sorted and replayed per card.
progress=$data/progress.log
if [ ! -f "$progress" ]; then
  awk -F, 'BEGIN { print "# rehearse-progress 1" }
           { printf "%s,%s,%s,3fa9c2d1e0b4a7f6-%012x,5000,review,\n", $1, $2, $3, NR }' \
    "$data/events.csv" > "$progress"
fi
progress_s=$(for i in 1 2 3; do seconds sh -c "TZ=UTC '$replay' --rollover-hour 0 < '$progress'"; done | median)
printf 'progress log  median %.3f s over 3 runs: %.0f events/s, %.2f times the plain mode'"'"'s time\n' \
  "$progress_s" "$(echo "$events / $progress_s" | bc -l)" "$(echo "$progress_s / $replay_s" | bc -l)"

node_path=${NODE_PATH:-$HOME/.cache/fsrs-oracle/node_modules}
if command -v node >/dev/null && [ -f "$oracle" ] && [ -d "$node_path/ts-fsrs" ]; then
  oracle_s=$(for i in 1 2 3; do seconds sh -c "NODE_PATH='$node_path' node '$oracle' < '$data/events.csv'"; done | median)
  printf 'fsrs-oracle   median %.3f s over 3 runs: %.0f events/s; fsrs-replay is %.1f times as fast\n' \
    "$oracle_s" "$(echo "$events / $oracle_s" | bc -l)" "$(echo "$oracle_s / $replay_s" | bc -l)"
else
  echo "fsrs-oracle: not installed (see the setup line in $oracle); no ratio"
fi

echo "== bench-startup"
GSETTINGS_SCHEMA_DIR=${MESON_BUILD_ROOT:-.}/resources "$startup" "$app" "$minimal" "$data/rehearse.db" "$minimal_background" \
  "$data/bench-decks/rich/decks"

#!/usr/bin/env bash
# bench-startup.sh REHEARSE MINIMAL BIG_STORE [MINIMAL_BACKGROUND [DECK_FOLDER]]
# Time from start to a visible window, and the resident memory then, for
# Rehearse (fresh data, and the 100,000-card / 1,000,000-review store) and
# for a minimal libadwaita window, taken in turns in the same run: medians
# of 5 and the ratios.  Needs a display (./run bench starts Xvfb) and xdotool.
set -euo pipefail
app=$1 minimal=$2 big=$3 minimal_background=${4:-} deck_folder=${5:-}
runs=5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v xdotool >/dev/null || { echo "bench-startup: xdotool is missing (apt-get install xdotool)"; exit 0; }

# Ends a process and everything it started (dbus-run-session, the app).
kill_tree() {
  local child
  for child in $(pgrep -P "$1"); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}

# start_once COMMAND...: prints "SECONDS RSS_KIB" once the program shows a
# window (the only one on this display: the programs run one at a time).
# With $settle set, RSS is read that many seconds after the window shows.
start_once() {
  local start pid end wid wpid rss
  start=$(date +%s.%N)
  "$@" >>"$work/log" 2>&1 &
  pid=$!
  until wid=$(xdotool search --onlyvisible --name '.+' 2>/dev/null | head -1) && [ -n "$wid" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "bench-startup: $* exited before showing a window:" >&2; tail -5 "$work/log" >&2; exit 1; }
    sleep 0.005
  done
  end=$(date +%s.%N)
  [ -n "${settle:-}" ] && sleep "$settle"
  wpid=$(xdotool getwindowpid "$wid")
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$wpid/status")
  kill_tree "$pid"
  wait "$pid" 2>/dev/null || true
  # Rehearse backs up as it quits (in the first run on each data folder):
  # the next program starts once it has ended, not beside it.
  gone "$wpid"
  # The next program starts on an empty display.
  while xdotool search --onlyvisible --name '.+' >/dev/null 2>&1; do sleep 0.01; done
  echo "$(echo "$end - $start" | bc -l) $rss"
}

# Waits (a minute at most) until process $1 has ended: no longer there, or
# a zombie nobody reaps.
gone() {
  local i
  for i in $(seq 6000); do
    [ -e "/proc/$1" ] || return 0
    [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.01
  done
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Each program in a D-Bus session of its own, settings in memory.
# As the tests run them: no accessibility bus (its start-up would be timed too).
run_app() {
  XDG_DATA_HOME=$1 GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 dbus-run-session -- "$app"
}
run_minimal() {
  GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 dbus-run-session -- "$minimal"
}
export -f run_app run_minimal
export app minimal

mkdir -p "$work/big/rehearse"
cp "$big" "$work/big/rehearse/rehearse.db"
# Warm-up: caches, and the big store's first open (a full check: no clean
# close recorded yet, as after a copy).
start_once bash -c 'run_minimal' >/dev/null
start_once bash -c "run_app '$work/big'" >/dev/null

for i in $(seq $runs); do
  fresh="$work/fresh-$i"; mkdir -p "$fresh"
  start_once bash -c 'run_minimal' >> "$work/minimal"
  start_once bash -c "run_app '$fresh'" >> "$work/fresh"
  start_once bash -c 'run_minimal' >> "$work/minimal-2"
  start_once bash -c "run_app '$work/big'" >> "$work/big-times"
done

# Memory once the store's deferred check (started half a second after
# opening) has run, and the first frame's buffers are settled.
settled_big=$(settle=3 start_once bash -c "run_app '$work/big'" | cut -d' ' -f2)
mkdir -p "$work/fresh-settled"
settled_fresh=$(settle=3 start_once bash -c "run_app '$work/fresh-settled'" | cut -d' ' -f2)
settled_min=$(settle=3 start_once bash -c 'run_minimal' | cut -d' ' -f2)

m1=$(cut -d' ' -f1 "$work/minimal" | median); m2=$(cut -d' ' -f1 "$work/minimal-2" | median)
f=$(cut -d' ' -f1 "$work/fresh" | median); b=$(cut -d' ' -f1 "$work/big-times" | median)
rm1=$(cut -d' ' -f2 "$work/minimal" | median); rf=$(cut -d' ' -f2 "$work/fresh" | median)
rb=$(cut -d' ' -f2 "$work/big-times" | median)
printf 'start-up, minimal libadwaita window   median %.3f s, RSS %d MiB (%d runs)\n' "$m1" $((rm1 / 1024)) $runs
printf 'start-up, fresh data                  median %.3f s (%.2fx the minimal window; target <= 1.3x), RSS %+d MiB\n' \
  "$f" "$(echo "$f / $m1" | bc -l)" $(((rf - rm1) / 1024))
printf 'start-up, 100,000 cards, 1M reviews   median %.3f s (%.2fx the minimal window; target <= 1.5x), RSS %+d MiB\n' \
  "$b" "$(echo "$b / $m2" | bc -l)" $(((rb - rm1) / 1024))
# With many decks of one's own (bench-decks writes them): the window does
# not wait for them; they join it once read.
if [ -n "$deck_folder" ] && [ -d "$deck_folder" ]; then
  mkdir -p "$work/decks/rehearse"
  cp -r "$deck_folder" "$work/decks/rehearse/decks"
  n_decks=$(ls "$work/decks/rehearse/decks" | wc -l)
  for i in $(seq $runs); do
    start_once bash -c 'run_minimal' >> "$work/minimal-3"
    start_once bash -c "run_app '$work/decks'" >> "$work/decks-times"
  done
  m3=$(cut -d' ' -f1 "$work/minimal-3" | median); d=$(cut -d' ' -f1 "$work/decks-times" | median)
  printf 'start-up, %d decks of your own       median %.3f s (%.2fx the minimal window)\n' "$n_decks" "$d" \
    "$(echo "$d / $m3" | bc -l)"
fi
printf 'RSS 3 s after the window shows         fresh data %+d MiB, 100,000 cards %+d MiB against the minimal window (target <= +30 MiB)\n' \
  $(((settled_fresh - settled_min) / 1024)) $(((settled_big - settled_min) / 1024))

# "rehearse --background" (reminders on) against a GTK application that
# holds itself without a window: resident memory 3 s after each starts,
# medians of 3, taken in turns.
[ -n "$minimal_background" ] || exit 0
background_rss() {
  local pid rss
  "$@" >>"$work/log" 2>&1 &
  sleep 3
  pid=$(pgrep -n -f -- "^$1( |$)" || true)
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
  pkill -f -- "^$1( |$)" || true
  wait 2>/dev/null || true
  echo "$rss"
}
mkdir -p "$work/bg-config/glib-2.0/settings"
printf '[io/github/rehearse/Rehearse]\nreminders=true\n' > "$work/bg-config/glib-2.0/settings/keyfile"
for i in 1 2 3; do
  background_rss "$minimal_background" >> "$work/bg-minimal"
  XDG_DATA_HOME="$work/fresh-1" XDG_CONFIG_HOME="$work/bg-config" GSETTINGS_BACKEND=keyfile \
    background_rss "$app" --background >> "$work/bg-fresh"
  XDG_DATA_HOME="$work/big" XDG_CONFIG_HOME="$work/bg-config" GSETTINGS_BACKEND=keyfile \
    background_rss "$app" --background >> "$work/bg-big"
done
bm=$(median < "$work/bg-minimal"); bf=$(median < "$work/bg-fresh"); bb=$(median < "$work/bg-big")
printf 'background process, RSS after 3 s   minimal held GtkApplication %d MiB; rehearse --background %+d MiB (fresh data), %+d MiB (100,000 cards; target <= +15 MiB)\n' \
  $((bm / 1024)) $(((bf - bm) / 1024)) $(((bb - bm) / 1024))

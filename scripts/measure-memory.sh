#!/usr/bin/env bash
# Peak memory on a huge state file (issue 14: both under 200 MB):
#
#   1. `watchdesk status` over it: max RSS from /usr/bin/time -v;
#   2. the desk opened on it in a 120x36 tmux pane: VmHWM from
#      /proc/PID/status once its first frame is on screen (and 3 s later).
#
# The file is made by scripts/gen-state.sh (version 2, EVENTS events on the
# default brief). Environment: BIN (default target/release/watchdesk),
# EVENTS (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/watchdesk}
EVENTS=${EVENTS:-1000000}
[ -x "$BIN" ] || { echo "no $BIN: run cargo build --release first" >&2; exit 2; }
BIN=$(realpath "$BIN")
tmp=$(mktemp -d)
sock="wd-memory-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    sleep 0.5
    rm -rf "$tmp"
}
trap cleanup EXIT

id=$("$BIN" check | awk '/^Brief id/ { print $3 }')
scripts/gen-state.sh "$id" "$EVENTS" 3 4 >"$tmp/state.json"
echo "state file: $EVENTS events, $(($(stat -c %s "$tmp/state.json") / 1048576)) MiB"

/usr/bin/time -v env WATCHDESK_STATE="$tmp/state.json" "$BIN" status >"$tmp/out" 2>"$tmp/time"
printf '  status: %s, max RSS %d MiB, %s s\n' "$(head -c 60 "$tmp/out")" \
    $(($(awk -F: '/Maximum resident/ { print $2 }' "$tmp/time") / 1024)) \
    "$(awk -F': ' '/Elapsed/ { print $2 }' "$tmp/time")"

tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 36 \
    "exec env WATCHDESK_STATE=$tmp/state.json $BIN"
pid=$(tmux -L "$sock" display-message -p -t 0 '#{pane_pid}')
for _ in $(seq 1 600); do
    tmux -L "$sock" capture-pane -p -t 0 | tail -n 1 | grep -q 'saved\|unsaved\|READ-ONLY\|saving' && break
    [ -d "/proc/$pid" ] || { echo "the desk exited" >&2; exit 1; }
    sleep 0.1
done
hwm() { awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$pid/status"; }
echo "  desk: VmHWM $(hwm) at its first frame"
sleep 3
echo "  desk: VmHWM $(hwm) 3 s later, VmRSS $(awk '/VmRSS/ { printf "%d MiB", $2 / 1024 }' "/proc/$pid/status")"

# A change and its save: the log is written out again (a million events).
tmux -L "$sock" send-keys -t 0 Tab
sleep 0.3
tmux -L "$sock" send-keys -t 0 Space
sleep 1
for _ in $(seq 1 600); do
    tmux -L "$sock" capture-pane -p -t 0 | tail -n 1 | grep -q ' saved' && break
    sleep 0.1
done
sleep 1
echo "  desk: VmHWM $(hwm) after a change and its save, VmRSS $(awk '/VmRSS/ { printf "%d MiB", $2 / 1024 }' "/proc/$pid/status")"
tmux -L "$sock" capture-pane -p -t 0 | tail -n 1

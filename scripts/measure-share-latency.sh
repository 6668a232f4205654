#!/usr/bin/env bash
# Measure how long a desk takes to show a peer's new event, as issue 12 asks
# ("a desk notices a peer's new file and shows it within 2 seconds of it
# landing"): the release desk in a detached 120x36 tmux pane over a share
# folder; another desk's event lines, made beforehand by the real binary
# (`watchdesk mark`, then `watchdesk sync` into a scratch share, with a
# data folder of its own), are appended one at a time to that desk's file in the
# share, as a sync tool would deliver them; the time runs from the append to
# the first capture of the pane that shows the new status on the I1 row.
#
# Each round waits a random fraction of a second first, so the landings fall
# anywhere in the desk's one-second wake. The figure includes tmux's capture
# (polled every ~10 ms) and the terminal's redraw, as a person would see it.
#
# Usage: scripts/measure-share-latency.sh
# Environment: BIN (default target/release/watchdesk), ROUNDS (20),
#              TARGET_MS (2000). Needs tmux. Exits 1 when a round misses.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/watchdesk}
ROUNDS=${ROUNDS:-20}
TARGET_MS=${TARGET_MS:-2000}
[ -x "$BIN" ] || { echo "no $BIN: run cargo build --release first" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
BIN=$(realpath "$BIN")

tmp=$(mktemp -d)
sock="wd-latency-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    sleep 0.5
    rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
}
trap cleanup EXIT

share="$tmp/share"
mkdir -p "$share" "$tmp/desk" "$tmp/peer" "$tmp/scratch"
printf '[analyst]\nname = "Desk"\n' >"$tmp/desk/config.toml"
printf '[analyst]\nname = "Peer"\n' >"$tmp/peer/config.toml"
peer() {
    env -u WATCHDESK_DESK -u WATCHDESK_STATE -u WATCHDESK_SHARE \
        WATCHDESK_CONFIG="$tmp/peer/config.toml" \
        "$BIN" --state "$tmp/peer/state.json" --share "$tmp/scratch" "$@" >/dev/null
}

# The peer's lines, one chunk a round: the status it sets, then what its
# file gained (the first chunk also carries its window's start).
# The peer's watch is the default brief (assets/ holds its text), the one a
# new desk opens on.
echo "making $ROUNDS events on the peer desk..."
for k in $(seq 1 "$ROUNDS"); do
    if [ $((k % 2)) = 1 ]; then status=observed; else status=not_observed; fi
    peer --brief assets/alliance-priorities.txt mark I1 "$status"
done
peer sync
peer_id=$(tr -d '[:space:]' <"$tmp/peer/desk-id")
peer_file="$tmp/scratch/desks/$peer_id.jsonl"
[ -s "$peer_file" ] || { echo "the peer wrote nothing to $peer_file" >&2; exit 1; }
# One chunk per status line (a line whose kind is a status change), with
# whatever came before it.
awk -v dir="$tmp" '
    { buf = buf $0 "\n" }
    /"type":"status"/ { n++; printf "%s", buf > (dir "/chunk." n); close(dir "/chunk." n); buf = "" }
' "$peer_file"
chunks=$(ls "$tmp"/chunk.* 2>/dev/null | wc -l)
[ "$chunks" -ge "$ROUNDS" ] || { echo "found $chunks status lines, not $ROUNDS:" >&2; head -c 600 "$peer_file" >&2; exit 1; }
mkdir -p "$share/desks"
target="$share/desks/$peer_id.jsonl"

tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 36 \
    "exec env -u WATCHDESK_DESK WATCHDESK_STATE=$tmp/desk/state.json WATCHDESK_CONFIG=$tmp/desk/config.toml WATCHDESK_SHARE=$share $BIN"
pid=$(tmux -L "$sock" display-message -p -t 0 '#{pane_pid}')
screen() { tmux -L "$sock" capture-pane -p -t 0; }
# Wait for the desk's first good look at the share.
for _ in $(seq 1 100); do
    screen | grep -q 'desks:' && ! screen | grep -q 'share not read yet' && break
    sleep 0.1
done
screen | grep -q 'I1 ○ watching' || { echo "the desk is not showing I1:" >&2; screen >&2; exit 1; }
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = watchdesk ] || { echo "watchdesk is not running" >&2; exit 1; }

echo "desk pid $pid, 120x36, share $share; $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
results="$tmp/ms"
: >"$results"
miss=0
for k in $(seq 1 "$ROUNDS"); do
    if [ $((k % 2)) = 1 ]; then want='I1 ● OBSERVED'; else want='I1 ✕ NOT OBSERVED'; fi
    sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
    start=$(date +%s%N)
    cat "$tmp/chunk.$k" >>"$target"
    seen=""
    while :; do
        if screen | grep -qF "$want"; then
            seen=$(date +%s%N)
            break
        fi
        now=$(date +%s%N)
        [ $(((now - start) / 1000000)) -lt 10000 ] || break
        sleep 0.01
    done
    if [ -z "$seen" ]; then
        echo "  round $k: not shown after 10 s" >&2
        screen >&2
        miss=1
        continue
    fi
    ms=$(((seen - start) / 1000000))
    echo "$ms" >>"$results"
    printf '  round %2d: %5d ms  (%s)\n' "$k" "$ms" "$want"
    [ "$ms" -le "$TARGET_MS" ] || miss=1
done

sort -n "$results" | awk -v target="$TARGET_MS" '
    { v[NR] = $1; s += $1 }
    END {
        if (NR == 0) exit
        med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "landing to screen: min %d ms, median %d ms, mean %.0f ms, max %d ms over %d rounds (target <= %d ms)\n",
            v[1], med, s / NR, v[NR], NR, target
    }'
[ "$miss" = 0 ] || echo "MISSED: a round took longer than $TARGET_MS ms"
exit "$miss"

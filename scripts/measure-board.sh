#!/usr/bin/env bash
# Measure the board of issue 11: 50 watches of 20 indicators each, added with
# `watchdesk add` into a temporary data folder (windows started an hour
# apart), then:
#
#   1. `watchdesk status` and `status --json` over them as processes (target:
#      status <= 10 ms), with the readings `add` kept beside the briefs and,
#      for comparison, without them (every brief parsed);
#   2. the release desk on that board in a detached 120x36 tmux pane, idle for
#      SECS seconds (30 by default): CPU from /proc/PID/task/*/schedstat and
#      /proc/PID/stat (target <= 0.1 % of a core), bytes to the terminal by
#      `tmux pipe-pane` (target <= 150 B/s), VmRSS and VmHWM (target
#      <= 16 MiB), state writes (none);
#   3. the CPU of a key on the board (j, down a row; target <= 1 ms), from
#      schedstat across KEYS presses less the idle rate of the same span.
#
# Usage: scripts/measure-board.sh
# Environment: BIN (default target/release/watchdesk), WATCHES (50),
#              INDICATORS (20), SECS (30), WARM (3), KEYS (60), RUNS (30),
#              COLS (120), ROWS (36). TARGETS=0 to exit 0 on a miss.
# Needs tmux; uses hyperfine when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/watchdesk}
WATCHES=${WATCHES:-50}
INDICATORS=${INDICATORS:-20}
SECS=${SECS:-30}
WARM=${WARM:-3}
KEYS=${KEYS:-60}
RUNS=${RUNS:-30}
COLS=${COLS:-120}
ROWS=${ROWS:-36}
TARGETS=${TARGETS:-1}
[ -x "$BIN" ] || { echo "no $BIN: run cargo build --release first" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
BIN=$(realpath "$BIN")
here=$(pwd)

tmp=$(mktemp -d)
sock="wd-board-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    # A desk that is hung up saves on its way out: let it finish first.
    sleep 0.5
    rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
}
trap cleanup EXIT

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# ---- the board's data folder ------------------------------------------------------
data="$tmp/board"
mkdir -p "$data"
: >"$data/config.toml"
export WATCHDESK_CONFIG="$data/config.toml"
state="$data/state.json"
for ((n = 0; n < WATCHES; n++)); do
    issued=$(date -u -d "-$n hours" +%Y-%m-%dT%H:%M:%SZ)
    "$here/scripts/gen-brief.sh" 4 "$INDICATORS" | sed "1s/.*/Board Watch $n/" |
        "$BIN" --state "$state" --issued "$issued" add - >/dev/null
done
echo "$WATCHES watches x $INDICATORS indicators added ($(du -sk "$data/briefs" | cut -f1) kB of briefs and readings)"

# ---- status over the watches -------------------------------------------------------
# time_cmd NAME CMD...: wall time of RUNS runs (after 3 warm-ups), in ms.
status_ms=""
time_cmd() {
    local name=$1
    shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
        read -r mean median min < <(awk '
            /"mean"/ { gsub(/[^0-9.e-]/, "", $2); mean = $2 }
            /"median"/ { gsub(/[^0-9.e-]/, "", $2); median = $2 }
            /"min"/ { gsub(/[^0-9.e-]/, "", $2); min = $2 }
            END { printf "%.2f %.2f %.2f\n", mean * 1000, median * 1000, min * 1000 }' "$tmp/h.json")
    else
        local i s e
        for i in 1 2 3; do "$@" >/dev/null; done
        : >"$tmp/times"
        for ((i = 0; i < RUNS; i++)); do
            s=$(date +%s%N)
            "$@" >/dev/null
            e=$(date +%s%N)
            echo $((e - s)) >>"$tmp/times"
        done
        read -r mean median min < <(sort -n "$tmp/times" | awk '
            { t[NR] = $1; s += $1 }
            END { printf "%.2f %.2f %.2f\n", s / NR / 1e6, t[int((NR + 1) / 2)] / 1e6, t[1] / 1e6 }')
    fi
    printf '  %-44s mean %6.2f ms, median %6.2f, min %6.2f\n' "$name" "$mean" "$median" "$min"
    status_ms=$median
}
echo "status over the watches, as a process ($RUNS runs each)"
time_cmd "status          (<= 10 ms)" "$BIN" --state "$state" status
status_kept=$status_ms
time_cmd "status --json" "$BIN" --state "$state" status --json
cp -r "$data" "$tmp/parsed"
rm -f "$tmp/parsed/briefs/"*.reading
time_cmd "status, no readings kept (every brief parsed)" "$BIN" --state "$tmp/parsed/state.json" status
time_cmd "status --json, no readings kept" "$BIN" --state "$tmp/parsed/state.json" status --json
[ -z "$(ls "$tmp/parsed/briefs/" | grep reading || true)" ] || echo "  NOTE: a query kept a reading"

# ---- the desk on the board ---------------------------------------------------------
tmux -L "$sock" -f /dev/null new-session -d -x "$COLS" -y "$ROWS" \
    "exec env WATCHDESK_STATE=$state WATCHDESK_CONFIG=$WATCHDESK_CONFIG $BIN"
pid=$(tmux -L "$sock" display-message -p -t 0 '#{pane_pid}')
sleep "$WARM"
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$(basename "$BIN" | cut -c1-15)" ] || {
    echo "watchdesk is not running in the pane:" >&2
    tmux -L "$sock" capture-pane -p -t 0 >&2 || true
    exit 1
}
tmux -L "$sock" capture-pane -p -t 0 | grep -q "board" || {
    echo "the desk did not open on the board:" >&2
    tmux -L "$sock" capture-pane -p -t 0 >&2
    exit 1
}

ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"; }
oncpu_ns() { cat /proc/"$pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%d", s }'; }
io() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/io"; }
status_kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/status"; }
mtime() { stat -c %Y.%N "$state" 2>/dev/null || echo none; }

threads() { # each thread: name, on-CPU ns, wake-ups
    for t in /proc/"$pid"/task/*; do
        echo "$(cat "$t/comm") $(cut -d' ' -f1,3 "$t/schedstat")"
    done
}

out="$tmp/pane.out"
: >"$out"
tmux -L "$sock" pipe-pane -o -t 0 "cat >> $out"
sleep 0.2
threads >"$tmp/threads0"
t0=$(ticks); n0=$(oncpu_ns); w0=$(io wchar); b0=$(io write_bytes); m0=$(mtime)
bytes0=$(stat -c %s "$out")
start=$(date +%s%N)
sleep "$SECS"
t1=$(ticks); n1=$(oncpu_ns); w1=$(io wchar); b1=$(io write_bytes); m1=$(mtime)
end=$(date +%s%N)
threads >"$tmp/threads1"
sleep 0.2
bytes1=$(stat -c %s "$out")
rss=$(status_kb VmRSS); hwm=$(status_kb VmHWM)

elapsed_ns=$((end - start))
dticks=$((t1 - t0))
idle_ns=$((n1 - n0))
cpu_pct=$(awk -v ns="$idle_ns" -v e="$elapsed_ns" 'BEGIN { printf "%.4f", ns / e * 100 }')
bps=$(awk -v b=$((bytes1 - bytes0)) -v e="$elapsed_ns" 'BEGIN { printf "%.1f", b / (e / 1e9) }')
wchar_bps=$(awk -v b=$((w1 - w0)) -v e="$elapsed_ns" 'BEGIN { printf "%.1f", b / (e / 1e9) }')

# CPU per key: j down the rows, less the idle rate just measured.
c0=$(oncpu_ns); k0=$(date +%s%N)
for ((i = 0; i < KEYS; i++)); do
    tmux -L "$sock" send-keys -t 0 j
    sleep 0.05
done
sleep 0.3
c1=$(oncpu_ns); k1=$(date +%s%N)
key_ms=$(awk -v c=$((c1 - c0)) -v t=$((k1 - k0)) -v r="$idle_ns" -v e="$elapsed_ns" -v n="$KEYS" \
    'BEGIN { printf "%.3f", (c - t * r / e) / n / 1e6 }')
key_raw=$(awk -v c=$((c1 - c0)) -v n="$KEYS" 'BEGIN { printf "%.3f", c / n / 1e6 }')
rss_after=$(status_kb VmRSS); hwm_after=$(status_kb VmHWM)

mib() { awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 }'; }
echo "the desk on the board, ${COLS}x${ROWS} tmux pane, idle $(awk -v e="$elapsed_ns" 'BEGIN { printf "%.1f", e / 1e9 }') s after ${WARM} s (pid $pid)"
printf '  %-36s %s\n' \
    "CPU, schedstat on-CPU time:" "$((idle_ns / 1000)) us = ${cpu_pct} % of a core   (target <= 0.1 %)" \
    "CPU, /proc/PID/stat ticks:" "$dticks ticks of 1/100 s" \
    "CPU by thread:" "$(paste "$tmp/threads0" "$tmp/threads1" | awk -v e="$elapsed_ns" '
        { printf "%s%s %.0f us/s (%.1f wake-ups/s)", sep, $1, ($5 - $2) / (e / 1e9) / 1000, ($6 - $3) / (e / 1e9); sep = ", " }')" \
    "bytes to the terminal (pipe-pane):" "$((bytes1 - bytes0)) = ${bps} B/s   (target <= 150 B/s; wchar ${wchar_bps} B/s)" \
    "state writes while idle:" "write_bytes +$((b1 - b0)), state.json mtime $([ "$m0" = "$m1" ] && echo unchanged || echo CHANGED)" \
    "memory, idle:" "VmRSS $rss kB = $(mib "$rss") MiB, VmHWM $hwm kB = $(mib "$hwm") MiB   (target <= 16 MiB)" \
    "CPU per key (j, $KEYS presses):" "$key_ms ms, idle share removed (raw $key_raw ms)   (target <= 1 ms)" \
    "memory, after the keys:" "VmRSS $rss_after kB = $(mib "$rss_after") MiB, VmHWM $hwm_after kB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

miss=0
awk -v p="$cpu_pct" 'BEGIN { exit !(p <= 0.1) }' || { echo "MISSED: idle CPU"; miss=1; }
awk -v b="$bps" 'BEGIN { exit !(b <= 150) }' || { echo "MISSED: bytes per second"; miss=1; }
[ "$hwm_after" -le 16384 ] || { echo "MISSED: resident memory"; miss=1; }
awk -v k="$key_ms" 'BEGIN { exit !(k <= 1) }' || { echo "MISSED: CPU per key"; miss=1; }
awk -v s="$status_kept" 'BEGIN { exit !(s <= 10) }' || { echo "MISSED: status over the watches"; miss=1; }
[ "$m0" = "$m1" ] || { echo "MISSED: the state file was written while idle"; miss=1; }
[ "$TARGETS" = 1 ] || miss=0
exit "$miss"

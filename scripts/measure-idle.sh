#!/usr/bin/env bash
# Measure the desk at rest, as issue 6 asks: the release binary in a detached
# 120x36 tmux pane on the default brief (three countdowns running), then over
# SECS seconds (30 by default):
#
#   - CPU: utime+stime from /proc/PID/stat (clock ticks of 1/100 s; the target
#     is at most 3 ticks in 30 s = 0.1 % of a core) and, finer, the on-CPU
#     nanoseconds of every thread from /proc/PID/task/*/schedstat;
#   - wake-ups: context switches of every thread (/proc/PID/task/*/status);
#   - bytes written to the terminal: `tmux pipe-pane` copies everything the
#     program writes to its pane into a file (target: at most 150 bytes/s),
#     cross-checked with wchar/syscw from /proc/PID/io;
#   - no state writes while idle: the state file's mtime and write_bytes;
#   - memory: VmRSS and VmHWM from /proc/PID/status (target: at most 10 MiB).
#
# Usage: scripts/measure-idle.sh [extra watchdesk arguments, e.g. --brief FILE]
# Environment: BIN (default target/release/watchdesk), SECS (30), WARM (3),
#              COLS (120), ROWS (36), DUMP=1 to print one second of output,
#              STATE=FILE to start from a copy of that state file (for example
#              one made by scripts/gen-state.sh), PEERS=N to run the desk with
#              a share (--share) in which N other desks have written: each a
#              data folder of its own, a mark and a note on the default brief
#              by the real binary, then `watchdesk sync` (issue 12: idle with
#              5 peers <= 0.1 % of a core). PEER_AGE=S waits S seconds after
#              the peers wrote (their "last seen" then reads in minutes).
# Needs tmux. Exits non-zero when a target is missed (TARGETS=0 to not).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/watchdesk}
SECS=${SECS:-30}
WARM=${WARM:-3}
COLS=${COLS:-120}
ROWS=${ROWS:-36}
TARGETS=${TARGETS:-1}
[ -x "$BIN" ] || { echo "no $BIN: run cargo build --release first" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
BIN=$(realpath "$BIN")

tmp=$(mktemp -d)
sock="wd-measure-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    # A desk that is hung up saves on its way out: let it finish first.
    sleep 0.5
    rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
}
trap cleanup EXIT

if [ -n "${STATE:-}" ]; then cp "$STATE" "$tmp/state.json"; fi
PEERS=${PEERS:-0}
envs="WATCHDESK_STATE=$tmp/state.json"
if [ "$PEERS" -gt 0 ]; then
    mkdir -p "$tmp/share"
    for k in $(seq 1 "$PEERS"); do
        d="$tmp/peer$k"
        mkdir -p "$d"
        printf '[analyst]\nname = "Peer%s"\n' "$k" >"$d/config.toml"
        run_peer() {
            env -u WATCHDESK_DESK -u WATCHDESK_STATE -u WATCHDESK_SHARE \
                WATCHDESK_CONFIG="$d/config.toml" \
                "$BIN" --state "$d/state.json" --share "$tmp/share" "$@" >/dev/null
        }
        run_peer --brief assets/alliance-priorities.txt mark "I$(((k - 1) % 3 + 1))" observed
        run_peer note T1 "peer $k was here"
        run_peer sync
    done
    printf '[analyst]\nname = "Desk"\n' >"$tmp/config.toml"
    envs+=" WATCHDESK_SHARE=$tmp/share WATCHDESK_CONFIG=$tmp/config.toml"
    echo "share with $PEERS peers: $(ls "$tmp/share/desks" | wc -l) files in desks/"
    sleep "${PEER_AGE:-0}"
fi
args=""
for a in "$@"; do args+=" $(printf '%q' "$a")"; done
tmux -L "$sock" -f /dev/null new-session -d -x "$COLS" -y "$ROWS" \
    "exec env -u WATCHDESK_DESK $envs $BIN$args"
pid=$(tmux -L "$sock" display-message -p -t 0 '#{pane_pid}')
sleep "$WARM"
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = watchdesk ] || {
    echo "watchdesk is not running in the pane:" >&2
    tmux -L "$sock" capture-pane -p -t 0 >&2 || true
    exit 1
}

ticks() { # utime + stime of the whole process, in clock ticks
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"
}
oncpu_ns() { # on-CPU time of every thread, in nanoseconds
    cat /proc/"$pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%d", s }'
}
switches() { # voluntary + involuntary context switches of every thread
    cat /proc/"$pid"/task/*/status | awk '/ctxt_switches/ { s += $2 } END { print s }'
}
io() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/io"; }
status_kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/status"; }
mtime() { stat -c %Y.%N "$tmp/state.json" 2>/dev/null || echo none; }

out="$tmp/pane.out"
: >"$out"
tmux -L "$sock" pipe-pane -o -t 0 "cat >> $out"
sleep 0.2
t0=$(ticks); n0=$(oncpu_ns); s0=$(switches)
w0=$(io wchar); c0=$(io syscw); b0=$(io write_bytes); m0=$(mtime)
bytes0=$(stat -c %s "$out")
start=$(date +%s%N)
sleep "$SECS"
t1=$(ticks); n1=$(oncpu_ns); s1=$(switches)
w1=$(io wchar); c1=$(io syscw); b1=$(io write_bytes); m1=$(mtime)
end=$(date +%s%N)
sleep 0.2 # let tmux hand the last bytes to the pipe
bytes1=$(stat -c %s "$out")
threads=$(ls "/proc/$pid/task" | wc -l)
rss=$(status_kb VmRSS); hwm=$(status_kb VmHWM)

elapsed_s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
dticks=$((t1 - t0))
dns=$((n1 - n0))
dbytes=$((bytes1 - bytes0))
dwchar=$((w1 - w0))
dsys=$((c1 - c0))
dsw=$((s1 - s0))

cpu_pct=$(awk -v ns="$dns" -v s="$elapsed_s" 'BEGIN { printf "%.4f", ns / (s * 1e9) * 100 }')
tick_pct=$(awk -v t="$dticks" -v s="$elapsed_s" 'BEGIN { printf "%.3f", t / 100 / s * 100 }')
bps=$(awk -v b="$dbytes" -v s="$elapsed_s" 'BEGIN { printf "%.1f", b / s }')
wchar_bps=$(awk -v b="$dwchar" -v s="$elapsed_s" 'BEGIN { printf "%.1f", b / s }')
per_write=$(awk -v b="$dwchar" -v n="$dsys" 'BEGIN { if (n) printf "%.1f", b / n; else print 0 }')
wake_s=$(awk -v n="$dsw" -v s="$elapsed_s" 'BEGIN { printf "%.2f", n / s }')

echo "watchdesk idle, ${COLS}x${ROWS} tmux pane, ${elapsed_s} s after ${WARM} s warm-up (pid $pid, $threads threads)$([ "$PEERS" -gt 0 ] && echo ", share with $PEERS peers"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-34s %s\n' \
    "CPU, /proc/PID/stat ticks:" "$dticks ticks = ${tick_pct} % of a core   (target <= 3 ticks / 30 s = 0.1 %)" \
    "CPU, schedstat on-CPU time:" "$((dns / 1000)) us = ${cpu_pct} % of a core" \
    "wake-ups (context switches):" "$dsw = ${wake_s} /s" \
    "bytes to the terminal (pipe-pane):" "$dbytes = ${bps} B/s   (target <= 150 B/s)" \
    "write syscalls (/proc/PID/io):" "$dsys calls, wchar $dwchar = ${wchar_bps} B/s, ${per_write} B per call" \
    "state writes while idle:" "write_bytes +$((b1 - b0)), state.json mtime $([ "$m0" = "$m1" ] && echo unchanged || echo CHANGED)" \
    "memory:" "VmRSS $rss kB = $(awk -v k="$rss" 'BEGIN { printf "%.2f", k / 1024 }') MiB, VmHWM $hwm kB   (target <= 10 MiB)"

if [ "${DUMP:-0}" = 1 ]; then
    echo "  one second of output (cat -v):"
    : >"$out"
    sleep 1.1
    cat -v "$out" | fold -w 100 | sed 's/^/    /'
    echo
fi

miss=0
[ "$dticks" -le $(((SECS * 3 + 29) / 30)) ] || { echo "MISSED: idle CPU"; miss=1; }
awk -v b="$bps" 'BEGIN { exit !(b <= 150) }' || { echo "MISSED: bytes per second"; miss=1; }
[ "$rss" -le 10240 ] || { echo "MISSED: resident memory"; miss=1; }
[ "$m0" = "$m1" ] || { echo "MISSED: the state file was written while idle"; miss=1; }
[ "$TARGETS" = 1 ] || miss=0
exit "$miss"

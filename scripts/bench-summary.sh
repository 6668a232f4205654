#!/usr/bin/env bash
# Print the last `cargo bench --bench desk` results (from target/criterion)
# as one table: median and mean per benchmark, and the target of issue 6 it
# guards, with "MISS" where the median is over it.
#
#   cargo bench --bench desk && scripts/bench-summary.sh
#
# The medians are the figure to read on a busy machine: the mean moves with
# whatever else runs on the two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CRITERION_DIR:-${CARGO_TARGET_DIR:-target}/criterion}
[ -d "$dir" ] || { echo "no $dir: run cargo bench --bench desk first" >&2; exit 2; }

# The target (in microseconds) each benchmark guards; none for context rows.
target_us() {
    case "$1" in
        "key/update Down + frame 120x36, huge brief") echo 1000 ;;  # key press < 1 ms
        "key/update Down + frame 200x60, huge brief") echo 1000 ;;
        "key/update Tab + frame 120x36, huge brief") echo 1000 ;;
        "key/update Toggle, huge brief, 10k-event log") echo 1000 ;;
        "idle/tick + frame 120x36, default brief") echo 1000 ;;     # 0.1 % of a core = 1 ms/s
        "store/open 10k events (temp dir)") echo 50000 ;;           # 10k events load < 50 ms
        "store/open + Model__new, 10k events (temp dir)") echo 50000 ;;
        "store/save after one change, 10k events (tmpfs, no fsync cost)") echo 5000 ;; # < 5 ms + fsync
        "store/Space + save + Saved, 10k events (tmpfs, no fsync cost)") echo 5000 ;; # the whole change
        "parse/300 themes, 200 indicators") echo 100000 ;;          # the huge brief opens < 100 ms
        "binary/status --json, default brief") echo 10000 ;;        # status --json < 10 ms
        "binary/status --json, 10k-event log") echo 50000 ;;        # 10k events load < 50 ms
        "binary/check, 300_200 brief") echo 100000 ;;         # the huge brief opens < 100 ms
        *) echo "" ;;
    esac
}

printf '%-66s %12s %12s  %s\n' benchmark median mean target
find "$dir" -path '*/new/estimates.json' | sort | while read -r est; do
    bench=$(sed -n 's/.*"full_id":"\([^"]*\)".*/\1/p' "$(dirname "$est")/benchmark.json")
    [ -n "$bench" ] || continue
    key=$(dirname "$(dirname "$est")")
    key=${key#"$dir"/}
    median=$(sed -n 's/.*"median":{[^}]*}[^}]*"point_estimate":\([0-9.e+-]*\).*/\1/p' "$est")
    mean=$(sed -n 's/^{"mean":{[^}]*}[^}]*"point_estimate":\([0-9.e+-]*\).*/\1/p' "$est")
    t=$(target_us "$key")
    awk -v b="$bench" -v md="$median" -v mn="$mean" -v t="$t" 'function f(ns) {
            if (ns >= 1e6) return sprintf("%.2f ms", ns / 1e6)
            if (ns >= 1e3) return sprintf("%.1f us", ns / 1e3)
            return sprintf("%.1f ns", ns)
        }
        BEGIN {
            verdict = ""
            if (t != "") verdict = sprintf("< %s %s", f(t * 1e3), (md / 1e3 <= t) ? "ok" : "MISS")
            printf "%-66s %12s %12s  %s\n", b, f(md), f(mn), verdict
        }'
done

# The heap figures of the memory group (printed by the bench, not timed).
if [ -f "$dir/memory.txt" ]; then
    echo
    awk '{ peak = $0; sub(/.*peak /, "", peak); sub(/ MiB.*/, "", peak)
           print $0 (peak + 0 <= 6 ? "  ok" : "  MISS") }' "$dir/memory.txt"
fi

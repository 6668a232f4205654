#!/usr/bin/env bash
# Write a generated state file (JSON, version 2) to stdout: one brief entry
# with EVENTS events, the way a desk used for a long watch would leave it.
#
#   scripts/gen-state.sh BRIEF_ID EVENTS [INDICATORS] [THEMES]
#
# BRIEF_ID is what `watchdesk check` prints as "Brief id". The log opens with
# the watch window's start (one hour ago) and then cycles through status
# changes, reviewed marks and notes, one event a second, ending before now,
# so the desk and `status` open it without writing anything.
set -euo pipefail
id=${1:?usage: gen-state.sh BRIEF_ID EVENTS [INDICATORS] [THEMES]}
events=${2:?usage: gen-state.sh BRIEF_ID EVENTS [INDICATORS] [THEMES]}
inds=${3:-3}
themes=${4:-4}
now=$(date -u +%s)

awk -v id="$id" -v n="$events" -v inds="$inds" -v themes="$themes" -v now="$now" '
function iso(t) { return strftime("%Y-%m-%dT%H:%M:%SZ", t, 1) }
BEGIN {
    start = now - n - 3600
    split("watching observed not_observed", S, " ")
    printf "{\n  \"version\": 2,\n  \"briefs\": {\n    \"%s\": {\n      \"title\": \"generated\",\n      \"events\": [\n", id
    printf "        {\"id\": \"%013.0f-0000beef-000000\", \"at\": \"%s\", \"desk\": \"gen\", \"stamp\": 1, \"type\": \"window_set\", \"start\": \"%s\", \"explicit\": false}", start * 1000, iso(start), iso(start)
    for (i = 1; i < n; i++) {
        t = start + i
        eid = sprintf("%013.0f-0000beef-%06d", t * 1000, i)
        k = i % 10
        if (k < 6) {
            ind = i % inds; from = int(i / inds) % 3
            ev = sprintf("\"type\": \"status\", \"item\": \"I%d\", \"from\": \"%s\", \"to\": \"%s\"", ind + 1, S[from + 1], S[(from + 1) % 3 + 1])
        } else if (k < 8) {
            ev = sprintf("\"type\": \"reviewed\", \"item\": \"T%d\", \"reviewed\": %s", i % themes + 1, (i % 4 < 2) ? "true" : "false")
        } else {
            ev = sprintf("\"type\": \"note\", \"item\": \"I%d\", \"text\": \"Note %d: a ministerial statement was reported by two outlets; awaiting a third source before changing status.\", \"source\": \"wire\", \"confidence\": \"medium\"", i % inds + 1, i)
        }
        printf ",\n        {\"id\": \"%s\", \"at\": \"%s\", \"desk\": \"gen\", \"stamp\": %d, %s}", eid, iso(t), i + 1, ev
    }
    printf "\n      ]\n    }\n  }\n}\n"
}'

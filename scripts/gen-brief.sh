#!/usr/bin/env bash
# Write a generated brief in the plain-text form analysts receive, to stdout.
#
#   scripts/gen-brief.sh THEMES INDICATORS [PARAGRAPHS_PER_THEME] [WINDOW_HOURS]
#
# The text is deterministic (same arguments, same brief, same brief id), made
# of ordinary sentences so wrapping and heading detection work as on a real
# brief. 300 themes x 2 paragraphs with 200 indicators is about 0.4 MB.
set -euo pipefail
themes=${1:?usage: gen-brief.sh THEMES INDICATORS [PARAGRAPHS] [WINDOW_HOURS]}
indicators=${2:?usage: gen-brief.sh THEMES INDICATORS [PARAGRAPHS] [WINDOW_HOURS]}
paras=${3:-2}
hours=${4:-72}

awk -v themes="$themes" -v inds="$indicators" -v paras="$paras" -v hours="$hours" '
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
function cap(w) { return toupper(substr(w, 1, 1)) substr(w, 2) }
function sentence(   n, i, s) {
    n = 8 + rnd(14); s = cap(W[1 + rnd(NW)])
    for (i = 1; i < n; i++) s = s " " W[1 + rnd(NW)]
    return s "."
}
function paragraph(   n, i, s) {
    n = 4 + rnd(3); s = sentence()
    for (i = 1; i < n; i++) s = s " " sentence()
    return s
}
BEGIN {
    seed = 42
    NW = split("alliance deterrence posture supply chain industrial capacity maritime " \
        "northern flank ministers summit sanctions export controls semiconductors " \
        "missile defence readiness logistics budget parliament coalition treaty " \
        "reassurance escalation signalling doctrine procurement shipyard munitions " \
        "stockpile satellite cyber resilience energy pipeline grid port corridor " \
        "exercise brigade rotation airspace patrol intelligence assessment forecast " \
        "negotiation ceasefire verification inspection proliferation enrichment " \
        "the of and in to with for on by across under while whose which", W, " ")
    printf "Generated Watch Brief of %d Themes\n\n", themes
    for (t = 1; t <= themes; t++) {
        printf "Theme %d %s %s %s\n\n", t, cap(W[1 + rnd(40)]), cap(W[1 + rnd(40)]), cap(W[1 + rnd(40)])
        for (p = 1; p <= paras; p++) printf "%s\n\n", paragraph()
    }
    printf "Washington Angle\n\n"
    for (p = 1; p <= 3; p++) printf "%s\n\n", paragraph()
    printf "Outlook\n\nOver the next %d hours, watch for the following developments.\n\n", hours
    for (i = 1; i <= inds; i++) printf "%d. %s\n", i, sentence() " " sentence()
}'

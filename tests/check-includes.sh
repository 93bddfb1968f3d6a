#!/bin/sh
# check-includes: src/ is one folder per stage, and data flows one way.
#
# Reads every #include "..." line under src/ and tests/ and fails, naming
# the file and line, when
#   - a source file is not in a stage folder,
#   - a header is named in a way that does not say its stage (a bare name
#     is a header of the includer's own folder; any other is "stage/x.h"),
#     or names a file that is not there,
#   - a file includes a header of a later stage than its own (a test in
#     tests/STAGE/ counts as that stage),
#   - a project header is included with <...> (quotes say it is ours),
#   - a file includes itself, or modules include each other in a circle
#     (a module is a .c/.h pair; the circle is printed with the line of
#     each of its includes),
#   - two modules share a name (a name should point at one module).
#
# The shared test helpers in tests/ itself serve every stage and are not
# held to one.  Include lines are read as text: one inside a comment or an
# #if 0 counts, and an #include of a macro is not seen.
#
# Usage: tests/check-includes.sh [ROOT]   (ROOT: the tree holding src/;
# by default the one this script is in).  `make test` runs it.
#
# The stages in the order data flows through them, one a line: a file of
# a stage may include its own stage and the stages above it.  Adding a
# stage is adding its line, and its folder under src/.
STAGES='
base
load
aggregate
project
layout
river
render
cli
'

root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2
[ -d src ] || { echo "check-includes: $root has no src/" >&2; exit 2; }

dirs=src; [ -d tests ] && dirs='src tests'
# shellcheck disable=SC2086
files=$(find $dirs -name '*.[ch]' | LC_ALL=C sort)
# shellcheck disable=SC2086  # paths under src/ and tests/ have no spaces
awk -v stages="$STAGES" '
function fail(msg) { print "check-includes: " msg > "/dev/stderr"; bad = 1 }
function stage_of(path,    p) {
    # src/S/x or tests/S/x: S, when S is a stage; "" otherwise
    if (split(path, p, "/") != 3 || !(p[2] in rank)) return ""
    return p[2]
}
function module_of(path) { sub(/\.[ch]$/, "", path); return path }
function allowed(s,    i, txt) {
    txt = ""
    for (i = 1; i <= rank[s]; i++) txt = txt (i > 1 ? ", " : "") order[i]
    return txt
}
# Depth-first search for circles of includes between modules.
function visit(m,    k, t) {
    colour[m] = 1
    stack[++depth] = m
    for (k = 1; k <= nout[m]; k++) {
        t = out[m, k]
        if (colour[t] == 1) report(t, m, k)
        else if (colour[t] == 0) visit(t)
    }
    depth--
    colour[m] = 2
}
function report(t, m, k,    i, j, msg, a) {
    for (i = depth; i > 0 && stack[i] != t; i--) ;
    msg = "modules include each other in a circle:"
    for (j = i; j <= depth; j++) {
        a = stack[j]
        # the edge from stack[j] to the next module round the circle
        msg = msg "\n    " edge_to(a, j < depth ? stack[j + 1] : t)
    }
    fail(msg)
}
function edge_to(a, b,    k) {
    for (k = 1; k <= nout[a]; k++)
        if (out[a, k] == b) return where[a, k] " includes " b
    return a " includes " b
}
BEGIN {
    n = split(stages, order, /[ \t\n]+/)
    ns = 0
    for (i = 1; i <= n; i++)
        if (order[i] != "") { order[++ns] = order[i]; rank[order[i]] = ns }
    for (i = 1; i < ARGC; i++) {
        f = ARGV[i]
        exists[f] = 1
        if (f ~ /^src\//) {
            if (stage_of(f) == "") {
                fail(f ": not in a stage folder (src/STAGE/, STAGE one of " allowed(order[ns]) ")")
                astray[f] = 1
            }
            name = f; sub(/.*\//, "", name); sub(/\.[ch]$/, "", name)
            if ((name in home) && home[name] != module_of(f))
                fail(f ": module name \"" name "\" is also " home[name] ".[ch]: a name should point at one module")
            home[name] = module_of(f)
        } else if (f ~ /^tests\/[^\/]+\// && stage_of(f) == "") {
            fail(f ": tests/ holds a folder per stage, and " f " is in none")
            astray[f] = 1
        }
    }
}
FILENAME in astray { next }
match($0, /^[ \t]*#[ \t]*include[ \t]*<[^>]*>/) {
    inc = substr($0, RSTART, RLENGTH)
    sub(/^[^<]*</, "", inc); sub(/>$/, "", inc)
    if (("src/" inc) in exists || ("tests/" inc) in exists)
        fail(FILENAME ":" FNR ": includes <" inc ">, a header of ours: write \"" inc "\"")
    next
}
match($0, /^[ \t]*#[ \t]*include[ \t]*"[^"]*"/) {
    inc = substr($0, RSTART, RLENGTH)
    sub(/^[^"]*"/, "", inc); sub(/"$/, "", inc)
    at = FILENAME ":" FNR
    includes++
    own = stage_of(FILENAME)
    dir = FILENAME; sub(/\/[^\/]*$/, "", dir)
    if (FILENAME ~ /^src\//) {
        if (inc !~ /\//) target = "src/" own "/" inc
        else target = "src/" inc
    } else if (inc !~ /\//)
        # as the compiler looks: beside the includer, then tests/
        target = ((dir "/" inc) in exists) ? dir "/" inc : "tests/" inc
    else target = "src/" inc
    if (target == FILENAME) {
        fail(at ": includes itself")
        next
    }
    if (inc ~ /(^|\/)\.\.?\//) {
        fail(at ": includes \"" inc "\": name a header as \"stage/x.h\", or by its bare name in its own folder")
        next
    }
    if (!(target in exists)) {
        fail(at ": includes \"" inc "\", which is not " target)
        next
    }
    if (target ~ /^src\// ) {
        ts = stage_of(target)
        if (FILENAME ~ /^src\// && inc ~ /\// && ts == own)
            fail(at ": includes \"" inc "\" of its own stage: name it \"" substr(inc, length(ts) + 2) "\"")
        if (own != "" && rank[ts] > rank[own])
            fail(at ": includes " inc ", of a later stage: " own " may include only " allowed(own))
    }
    if (FILENAME ~ /^src\//) {
        a = module_of(FILENAME); b = module_of(target)
        if (a != b && !((a, b) in seen)) {
            seen[a, b] = 1
            out[a, ++nout[a]] = b
            where[a, nout[a]] = at
            modules[a] = 1; modules[b] = 1
        }
    }
}
END {
    # Modules in a fixed order, so that a circle is reported the same way
    # every run.
    nm = 0
    for (m in modules) list[++nm] = m
    for (i = 2; i <= nm; i++)
        for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
            t = list[j]; list[j] = list[j - 1]; list[j - 1] = t
        }
    for (i = 1; i <= nm; i++)
        if (colour[list[i]] == 0) visit(list[i])
    if (bad) exit 1
    line = order[1]
    for (i = 2; i <= ns; i++) line = line " > " order[i]
    printf "check-includes: %d files, %d includes, stages %s: none upward, no circles\n", ARGC - 1, includes, line
}
' $files

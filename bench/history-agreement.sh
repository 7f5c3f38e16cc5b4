#!/usr/bin/env bash
# How far the static lock analysis agrees with PostgreSQL over whole migration histories.
#
#   bench/history-agreement.sh DIR...
#
# Each DIR is a migration folder as `phasewise lint DIR` reads it (Flyway, golang-migrate, dbmate,
# sqitch, numbered files). For each, a fresh empty database is made on one PostgreSQL server and
# marked staging, and `phasewise trace --apply DIR` traces every file and applies it, so that the
# next file is traced on top of it. The figure per history is trace's last line: statements traced,
# those where PostgreSQL and the analysis agree (in percent), needless alarms. The full reports
# (every disagreement) are kept in $OUT (default target/history-agreement/).
#
# The server is the embedded sandbox (PostgreSQL 17), started here in a throwaway directory and
# stopped at the end, unless SERVER_URL names another one (a superuser URL, e.g.
# SERVER_URL=postgresql://postgres@localhost:5432/postgres), which is how other major versions are
# measured. Every database this makes is called history_<name> and is dropped first if it exists:
# never point SERVER_URL at a server that matters.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/history-agreement.sh DIR..." >&2; exit 2; }
JAR=target/phasewise.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
OUT=${OUT:-target/history-agreement}
mkdir -p "$OUT"
JAVA=${JAVA:-java}

SANDBOX_PID=
cleanup() {
    if [ -n "$SANDBOX_PID" ]; then
        kill "$SANDBOX_PID" 2>/dev/null || true
        wait "$SANDBOX_PID" 2>/dev/null || true
        rm -rf "$SANDBOX_DIR"
    fi
}
trap cleanup EXIT

if [ -z "${SERVER_URL:-}" ]; then
    SANDBOX_DIR=$(mktemp -d)
    # a few rows only: the histories run in databases of their own, the sample data is not used
    "$JAVA" -jar "$JAR" sandbox --data-dir "$SANDBOX_DIR" --rows 1000 >"$SANDBOX_DIR/url" 2>"$SANDBOX_DIR/log" &
    SANDBOX_PID=$!
    for _ in $(seq 1 300); do
        [ -s "$SANDBOX_DIR/url" ] && break
        kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$SANDBOX_DIR/log" >&2; exit 2; }
        sleep 1
    done
    SANDBOX_URL=$(head -1 "$SANDBOX_DIR/url")
    SERVER_URL=${SANDBOX_URL%/*}/postgres
fi
BASE=${SERVER_URL%/*}
VERSION=$(psql "$SERVER_URL" -Atc "SHOW server_version" | cut -d' ' -f1)

printf '%-28s %6s %11s %7s %10s %8s\n' history files statements agree agreement needless
for dir in "$@"; do
    name=$(basename "$(cd "$dir" && pwd)" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_\n' '_')
    db=history_$name
    psql "$SERVER_URL" -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
        -c "ALTER DATABASE $db SET phasewise.environment = 'staging'" >/dev/null
    "$JAVA" -jar "$JAR" trace --url "$BASE/$db" --apply "$dir" >"$OUT/$name.txt" 2>"$OUT/$name.err" || true
    line=$(grep '^agreement: ' "$OUT/$name.txt" || echo "agreement: trace failed, see $OUT/$name.err")
    files=$(grep -c '^[^ ].*\.sql$' "$OUT/$name.txt" || true)
    traced=$(sed -n 's/^agreement: \([0-9]*\) statements\? traced.*/\1/p' <<<"$line")
    agree=$(sed -n 's/.* traced, \([0-9]*\) where.*/\1/p' <<<"$line")
    pct=$(sed -n 's/.*agree (\([0-9.]*\) %).*/\1/p' <<<"$line")
    needless=$(sed -n 's/.*), \([0-9]*\) needless.*/\1/p' <<<"$line")
    printf '%-28s %6s %11s %7s %9s%% %8s\n' "$name" "$files" "${traced:-?}" "${agree:-?}" "${pct:-?}" "${needless:-?}"
done
echo "PostgreSQL $VERSION; reports with every disagreement: $OUT/<history>.txt"

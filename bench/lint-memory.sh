#!/usr/bin/env bash
# Lint memory against file size (design §5: lint memory does not grow with the file beyond the
# statements' text). For migrations of 1,000 / 10,000 / 100,000 statements it prints the file size and
# the smallest maximum heap (-Xmx, from a ladder) with which `phasewise lint --format json` still
# completes: the file's text must fit, the analysis of the statements must not add to it.
#   usage: bench/lint-memory.sh          (needs: a built target/phasewise.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/phasewise.jar
WORK=target/bench
mkdir -p "$WORK"
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
# two kinds of file: the benchmark's realistic mix (a tenth of its statements create tables, add columns,
# indexes and foreign keys, which the schema model must remember), and backfill UPDATEs only
updates() { python3 -c "import sys
for i in range(int(sys.argv[1])): print(f'UPDATE app_{i % 500} SET summary = left(body, 300) WHERE id BETWEEN {i} AND {i + 1000} AND summary IS NULL;')" "$1"; }
printf '%-8s %-12s %12s %14s %12s\n' kind statements "file bytes" "output bytes" "smallest -Xmx"
for kind in mix updates; do
for n in 1000 10000 100000; do
  f="$WORK/mem-$kind-$n.sql"
  if [ "$kind" = mix ]; then python3 bench/generate-migration.py "$n" > "$f"; else updates "$n" > "$f"; fi
  smallest=none; outbytes=0
  for mx in 16 24 32 40 48 64 96 128 192 256; do
    # exit 1 means findings were reported, which these files have: a completed lint
    code=0; java -Xmx${mx}m -XX:+UseSerialGC -jar "$JAR" lint --format json "$f" > "$WORK/mem-out.json" 2>/dev/null || code=$?
    if [ "$code" -le 1 ] && tail -c 200 "$WORK/mem-out.json" | grep -q '"input_errors" : 0'; then
      smallest="${mx}m"; outbytes=$(wc -c < "$WORK/mem-out.json"); break
    fi
  done
  printf '%-8s %-12s %12s %14s %12s\n' "$kind" "$n" "$(wc -c < "$f")" "$outbytes" "$smallest"
done
done

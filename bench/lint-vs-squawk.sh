#!/usr/bin/env bash
# Lint speed, side by side in one run (design §5): Phasewise on a 10,000-statement migration
# against squawk (a Rust linter) on the same file, and against Phasewise on a 1-statement file.
# Wall time includes JVM start. Median of RUNS runs each.
#   usage: bench/lint-vs-squawk.sh [RUNS]      (needs: a built target/phasewise.jar, node/npm)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAR=target/phasewise.jar
WORK=target/bench
mkdir -p "$WORK"
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
if [ ! -x "$WORK/node_modules/.bin/squawk" ]; then
  (cd "$WORK" && npm install --silent --no-audit --no-fund squawk-cli >/dev/null)
fi
SQUAWK="$WORK/node_modules/.bin/squawk"
python3 bench/generate-migration.py 10000 > "$WORK/10k.sql"
python3 bench/generate-migration.py 1 > "$WORK/1.sql"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {  # runs "$@" RUNS times, prints the median wall time in ms
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}
pw10k=$(time_ms java -jar "$JAR" lint --format json "$WORK/10k.sql")
pw1=$(time_ms java -jar "$JAR" lint --format json "$WORK/1.sql")
sq10k=$(time_ms "$SQUAWK" --reporter json "$WORK/10k.sql")
sq1=$(time_ms "$SQUAWK" --reporter json "$WORK/1.sql")
echo "squawk $("$SQUAWK" --version 2>/dev/null | head -1); java $(java -version 2>&1 | head -1); runs=$RUNS (median)"
printf '%-36s %8s ms\n' "phasewise, 10,000 statements" "$pw10k" "phasewise, 1 statement" "$pw1" \
  "squawk, 10,000 statements" "$sq10k" "squawk, 1 statement" "$sq1"
awk -v a="$pw10k" -v b="$sq10k" -v c="$pw1" 'BEGIN {
  printf "phasewise 10k / squawk 10k      = %.2f  (target <= 1.00)\n", a / b;
  printf "phasewise 10k / phasewise 1     = %.2f  (target <  2.00)\n", a / c }'

# What the JVM itself allows, without native compilation: an application class-data-sharing archive
# (the classes already parsed and verified, dumped after a lint of the 10k file), the C1 compiler
# only (quicker to compile, slower code), and both. `java -jar` cannot set these; a launcher script
# or the jpackage launcher could. Set JVM_VARIANTS=0 to skip.
if [ "${JVM_VARIANTS:-1}" = 1 ]; then
  JSA="$WORK/phasewise-lint.jsa"
  rm -f "$JSA"
  java -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" lint --format json "$WORK/10k.sql" >/dev/null 2>&1 || true
  for opts in "-XX:SharedArchiveFile=$JSA" "-XX:TieredStopAtLevel=1" "-XX:SharedArchiveFile=$JSA -XX:TieredStopAtLevel=1"; do
    # shellcheck disable=SC2086
    v10k=$(time_ms java $opts -jar "$JAR" lint --format json "$WORK/10k.sql")
    # shellcheck disable=SC2086
    v1=$(time_ms java $opts -jar "$JAR" lint --format json "$WORK/1.sql")
    label=$(echo "$opts" | sed "s|$JSA|app.jsa|g")
    awk -v o="$label" -v a="$v10k" -v c="$v1" -v b="$sq10k" 'BEGIN {
      printf "%-58s 10k %5d ms, 1 stmt %4d ms; 10k/squawk %.2f, 10k/1 %.2f\n", o, a, c, a / b, a / c }'
  done
fi

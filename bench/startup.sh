#!/usr/bin/env bash
# Start-up, side by side in one run (issue 18): squawk, `java -jar` on JDK 17, `java -jar` on JDK 25
# and the source tree's launcher target/phasewise (JDK 25 with its trained AOT cache), on a
# 1-statement lint, the 71-file migration history bench/history/ (linted as a folder) and the
# 10,000-statement file of bench/generate-migration.py; then the desktop window (wall time until its
# main window is shown, under a virtual display). Runs are interleaved (round 1 runs every
# command once, then round 2, ...) so that load from elsewhere falls on all of them alike; each
# figure is the median of RUNS wall times, JVM start included.
#
#   usage: bench/startup.sh [RUNS]       (default 7; needs a built target/phasewise.jar and
#                                         target/phasewise: mvn -B package -DskipTests; node/npm)
#   JDK17=/path JDK25=/path             the JDK homes (default: /usr/lib/jvm/java-17-openjdk-amd64,
#                                         /usr/lib/jvm/temurin-25-jdk-amd64)
#   WINDOW=0                            skip the window (it needs Xvfb and a few seconds a run)
#   EXTRA="label|PHASEWISE_JAVA_OPTIONS"  one more launcher variant, e.g. EXTRA="G1|-XX:+UseG1GC"
#   IMAGE=0                             leave out the app image's bin/phasewise (timed when
#                                         target/jpackage/phasewise exists: package/build-runtime.sh)
#   HISTORY=DIR                         another migration history in place of bench/history (a
#                                         folder of .sql files, applied in name order), e.g. your
#                                         project's
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=target/phasewise.jar
LAUNCHER=target/phasewise
WORK=target/bench
mkdir -p "$WORK"
[ -f "$JAR" ] && [ -x "$LAUNCHER" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
for j in "$JDK17" "$JDK25"; do
  [ -x "$j/bin/java" ] || { echo "no JDK at $j (set JDK17= / JDK25=)" >&2; exit 2; }
done
if [ ! -x "$WORK/node_modules/.bin/squawk" ]; then
  (cd "$WORK" && npm install --silent --no-audit --no-fund squawk-cli > /dev/null)
fi
SQUAWK="$WORK/node_modules/.bin/squawk"
python3 bench/generate-migration.py 10000 > "$WORK/10k.sql"
python3 bench/generate-migration.py 1 > "$WORK/1.sql"
HISTORY=${HISTORY:-bench/history}
HISTORY=${HISTORY%/}
# JDK 22+ flags the launcher passes too, so that `java -jar` on 25 prints no warnings
J25_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

# the launcher's caches (lint's, and the window's where xvfb-run is), trained now (in the
# foreground) if they do not match this jar and JDK
PHASEWISE_JDKS="$JDK25" PHASEWISE_AOT=wait "$LAUNCHER" --version > /dev/null
[ -s target/phasewise.aot ] || { echo "the launcher trained no cache: see target/phasewise.aot.log" >&2; exit 1; }
# lint's cache can match while the window's is missing (trained with PHASEWISE_AOT_WINDOW=0, or where
# xvfb-run was not): the window would then time lint's cache, so both are trained again
if [ "${WINDOW:-1}" = 1 ] && command -v xvfb-run > /dev/null && [ ! -s target/phasewise-window.aot ]; then
  rm -f target/phasewise.aot.stamp
  PHASEWISE_JDKS="$JDK25" PHASEWISE_AOT=wait "$LAUNCHER" --version > /dev/null
  [ -s target/phasewise-window.aot ] || { echo "the launcher trained no window cache: see target/phasewise.aot.log" >&2; exit 1; }
fi

# the variants: a name and a command prefix (a bash array, as a string to eval)
names=(squawk jdk17 jdk25 launcher)
declare -A pre=(
  [squawk]="\"$SQUAWK\" --reporter json"
  [jdk17]="\"$JDK17/bin/java\" -jar $JAR lint --format json"
  [jdk25]="\"$JDK25/bin/java\" ${J25_FLAGS[*]} -jar $JAR lint --format json"
  [launcher]="PHASEWISE_JDKS=\"$JDK25\" $LAUNCHER lint --format json"
)
if [ -n "${EXTRA:-}" ]; then
  names+=("launcher+${EXTRA%%|*}")
  pre["launcher+${EXTRA%%|*}"]="PHASEWISE_JDKS=\"$JDK25\" PHASEWISE_JAVA_OPTIONS=\"${EXTRA#*|}\" $LAUNCHER lint --format json"
fi
IMAGE_BIN=target/jpackage/phasewise/bin/phasewise
if [ "${IMAGE:-1}" = 1 ] && [ -x "$IMAGE_BIN" ]; then
  names+=(image)
  pre[image]="$IMAGE_BIN lint --format json"
fi
workloads=(1stmt history 10k)
declare -A input=([1stmt]="$WORK/1.sql" [history]="$HISTORY/" [10k]="$WORK/10k.sql")
# squawk takes files, not a folder: the history's files, in their order
squawk_history=$(ls "$HISTORY"/*.sql | sort | tr '\n' ' ')

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
declare -A times
echo "load before: $(uptime | sed 's/.*load average: //')"
for round in $(seq "$RUNS"); do
  for w in "${workloads[@]}"; do
    for n in "${names[@]}"; do
      arg=${input[$w]}
      [ "$n" = squawk ] && [ "$w" = history ] && arg=$squawk_history
      s=$(date +%s%N)
      eval "${pre[$n]} $arg" > /dev/null 2>&1 || true
      times[$w.$n]="${times[$w.$n]:-} $(ms "$s")"
    done
  done
  printf '.' >&2
done
echo >&2

# The window: wall time from the command until the app's "window shown" line (PhasewiseApp prints it
# on the stage's first onShown), then the process is ended. Under one Xvfb for every run. The line is
# read from a pipe by bash itself: polling a log file (a grep and a sleep every 10 ms, as this script
# first did) forks about 200 processes a second, which on 2 cores slowed the very JVM being measured
# by 0.5 - 0.9 s (the app's own "shown N ms after JVM start" moved from 1.2 to 2.0 s).
now_us() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/./}"; else echo $(( $(date +%s%N) / 1000 )); fi; }
window_ms() {  # "$@": the command; prints ms, or "-" when the window did not show within 60 s
  local s line ms="-"
  s=$(now_us)
  coproc APP { exec "$@" 2>&1 > /dev/null; }
  while IFS= read -r -t 60 line <&"${APP[0]}"; do
    if [[ $line == *"window shown"* ]]; then
      ms=$(( ($(now_us) - s) / 1000 ))
      break
    fi
  done
  kill "$APP_PID" 2> /dev/null; wait "$APP_PID" 2> /dev/null || true
  echo "$ms"
}
wnames=()
if [ "${WINDOW:-1}" = 1 ] && command -v Xvfb > /dev/null; then
  display=:$((90 + RANDOM % 100))
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2> /dev/null' EXIT
  sleep 1
  export DISPLAY=$display
  wnames=(jdk17 jdk25 launcher)
  for round in $(seq "$RUNS"); do
    times[window.jdk17]="${times[window.jdk17]:-} $(window_ms "$JDK17/bin/java" -jar "$JAR" gui)"
    times[window.jdk25]="${times[window.jdk25]:-} $(window_ms "$JDK25/bin/java" "${J25_FLAGS[@]}" -jar "$JAR" gui)"
    times[window.launcher]="${times[window.launcher]:-} $(PHASEWISE_JDKS="$JDK25" window_ms "$LAUNCHER" gui)"
    printf '.' >&2
  done
  echo >&2
fi
echo "load after:  $(uptime | sed 's/.*load average: //')"

med() { tr ' ' '\n' <<< "${times[$1]:-}" | grep -E '^[0-9]+$' | median; }
echo "squawk $("$SQUAWK" --version 2>/dev/null | head -1); $("$JDK17/bin/java" -version 2>&1 | head -1);" \
  "$("$JDK25/bin/java" -version 2>&1 | head -1); $(nproc) cores; medians of $RUNS interleaved runs, ms"
printf '%-22s %9s %9s %9s   %s\n' "" "1 stmt" "history" "10k" "(ratio to squawk / to java -jar 17)"
for n in "${names[@]}"; do
  row=$(printf '%-22s' "$n")
  ratios=""
  for w in "${workloads[@]}"; do
    m=$(med "$w.$n"); sq=$(med "$w.squawk"); j=$(med "$w.jdk17")
    row="$row $(printf '%9s' "$m")"
    ratios="$ratios $(awk -v m="$m" -v s="$sq" -v j="$j" 'BEGIN {printf "%.2f/%.2f", m / s, m / j}')"
  done
  echo "$row  $ratios"
done
if [ ${#wnames[@]} -gt 0 ]; then
  for n in "${wnames[@]}"; do
    printf '%-22s %9s   (window shown; all runs:%s)\n' "window $n" "$(med "window.$n")" "${times[window.$n]}"
  done
fi
awk -v one="$(med 1stmt.launcher)" -v h="$(med history.launcher)" -v hs="$(med history.squawk)" \
    -v k="$(med 10k.launcher)" -v ks="$(med 10k.squawk)" -v win="$(med window.launcher)" 'BEGIN {
  printf "targets (launcher): 1 stmt %d ms < 200: %s; history %.2fx squawk <= 2: %s; 10k %.2fx squawk <= 1.5: %s",
    one, one < 200 ? "met" : "NOT met", h / hs, h / hs <= 2 ? "met" : "NOT met", k / ks, k / ks <= 1.5 ? "met" : "NOT met";
  if (win != "") printf "; window %d ms < 1000: %s", win, win < 1000 ? "met" : "NOT met";
  printf "\n" }'

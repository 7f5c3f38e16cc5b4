#!/usr/bin/env bash
# Is the window responsive during a backfill (issue 6)? The main window, headless (Monocle, as the
# TestFX tests), connected as staging to the sandbox's articles_article (1,000,000 rows by default),
# runs the sample plan (add-article-summary) through its Run button. Prints FX pulse gaps (median,
# p99, max) while idle before the run (the baseline) and during the backfill, and the live progress
# updates the window applied per second. Targets: no pulse gap > 50 ms, >= 10 updates/s.
#   usage: bench/ui-responsiveness.sh [--rows N] [--idle-seconds S]
#          (needs Maven + the local repository; the sandbox is target/bench/backfill-sandbox, shared
#          with bench/backfill-vs-update.sh and reused; the summary column is dropped before each run)
# CPU-heavy: on a shared machine run it under the build lock, e.g.
#   flock /tmp/phasewise-mvn.lock bench/ui-responsiveness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
mvn -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt \
    -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
    dev.phasewise.bench.UiResponsivenessBenchmark "$@" | tee target/bench/ui-responsiveness.txt

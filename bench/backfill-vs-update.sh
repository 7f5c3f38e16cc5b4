#!/usr/bin/env bash
# Backfill vs a single UPDATE, side by side in one run (design §5), on the embedded sandbox's
# articles_article: rows/s idle (1 and 2 workers), batch transaction p50/p99, a concurrent
# single-row writer's latency idle vs during each, heap growth with and without vacuumEveryRows,
# the client's peak heap, and a pacing curve (sleep between batches -> writer p99, throughput).
#   usage: bench/backfill-vs-update.sh [--rows N] [--quick | --pacing | --impact ROUNDS]
#          (--impact: pacing by measured write impact against fixed ratios, ROUNDS times)
#          (default 1,000,000 rows; needs Maven + the
#          local repository; the sandbox lives in target/bench/backfill-sandbox and is reused)
# CPU-heavy: on a shared machine run it under the build lock, e.g.
#   flock /tmp/phasewise-mvn.lock bench/backfill-vs-update.sh --rows 200000
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
mvn -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt \
    -Dmdep.includeScope=test
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
    dev.phasewise.bench.BackfillBenchmark "$@" | tee target/bench/backfill-vs-update.txt

package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.TableSize;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The before / after of "Make it safe", per table, with the sizes a catalog gives: 1.0 M articles in a
 * 2.2 GB heap, and a server that scans 200 MB/s, rewrites 50 MB/s and builds indexes over 80 MB/s.
 */
class LockComparisonTest {
    private static final Throughput THROUGHPUT = new Throughput(200e6, 50e6, 80e6, "test");

    private static SchemaModel sizedSchema() throws Exception {
        SchemaModel schema = SchemaFiles.of(Files.readString(Path.of("migrations-samples/schema.sql")));
        schema.relations().stream().filter(r -> r.name().toString().equals("articles_article")).findFirst()
                .orElseThrow().setSize(new TableSize(1_000_000, 2_200_000_000L, 150_000_000L, 50_000_000L));
        return schema;
    }

    private static LockComparison compare(String file) throws Exception {
        SchemaModel schema = sizedSchema();
        String sql = Files.readString(Path.of("migrations-samples", file));
        Conversion c = new Converter(PgVersion.DEFAULT).withThroughput(THROUGHPUT).convert(file, sql, schema);
        return LockComparison.of(file, sql, c.plan(), schema, PgVersion.DEFAULT, THROUGHPUT);
    }

    @Test
    void theUnsafeSummaryMigrationBlocksWritesForTheIndexBuildBeforeAndOnlyForMomentsAfter() throws Exception {
        TableLocks articles = compare("0042_add_summary_unsafe.sql").table("articles_article").orElseThrow();
        assertEquals(1_000_000, articles.rows());

        // before, in autocommit: each statement holds its lock while it works
        assertEquals(List.of(
                "ACCESS EXCLUSIVE: metadata only, no lock_timeout",
                "ROW EXCLUSIVE for ~11 s: UPDATE of the 2.0 GB heap (1.0 M rows) in one transaction: row locks on each "
                        + "row it changes until it commits",
                "SHARE for ~28 s: index build of the 2.0 GB heap (1.0 M rows)"),
                articles.before().stream().map(LockHold::describe).toList());
        LockHold worstBefore = articles.worstBefore().orElseThrow();
        assertEquals(LockMode.SHARE, worstBefore.lock());
        assertEquals(2.2e9 / 80e6, worstBefore.seconds(), 1e-9, "the heap over the index-build throughput");
        assertTrue(worstBefore.applicationWaits());
        assertTrue(articles.before().get(1).rowLocks(), "the one-statement UPDATE locks every row it changes");

        // after: the ALTER behind the plan's lock_timeout, the backfill in batches, the index built concurrently
        assertEquals(List.of(
                "ACCESS EXCLUSIVE: metadata only, lock_timeout 2s",
                "ROW EXCLUSIVE: backfill in batches of 5,000 rows (~200 batches), each its own transaction: row locks "
                        + "on one batch at a time",
                "SHARE UPDATE EXCLUSIVE for ~39 s: concurrent index build of the 2.0 GB heap (1.0 M rows): reads and "
                        + "writes go on"),
                articles.after().stream().map(LockHold::describe).toList());
        LockHold worstAfter = articles.worstAfter().orElseThrow();
        assertEquals(LockMode.ACCESS_EXCLUSIVE, worstAfter.lock());
        assertEquals(0, worstAfter.seconds(), "metadata only: a moment, not a duration");
        assertFalse(articles.after().get(2).applicationWaits(), "CONCURRENTLY: the application's writes go on");
    }

    @Test
    void insideBeginCommitTheAlterLockIsHeldThroughTheIndexBuildsThatFollow() throws Exception {
        LockComparison comparison = compare("django_sqlmigrate_0007.sql");
        TableLocks articles = comparison.table("articles_article").orElseThrow();
        // Django wraps the migration in BEGIN ... COMMIT: the ADD COLUMN's ACCESS EXCLUSIVE stays until COMMIT,
        // through both index builds (27.5 s each)
        assertEquals(List.of("ACCESS EXCLUSIVE for ~55 s: metadata only, no lock_timeout; held until COMMIT, through "
                + "2 × index build of articles_article"), articles.before().stream().map(LockHold::describe).toList());
        assertEquals(2 * 2.2e9 / 80e6, articles.worstBefore().orElseThrow().seconds(), 1e-9);
        assertEquals(List.of("3 × ACCESS EXCLUSIVE: metadata only, lock_timeout 2s",
                        "2 × SHARE UPDATE EXCLUSIVE for ~39 s: concurrent index build of the 2.0 GB heap (1.0 M rows): "
                                + "reads and writes go on"),
                articles.after().stream().map(LockHold::describe).toList());

        // the other table is locked as long, though nothing is done to its rows: it waits for the same COMMIT
        TableLocks jobs = comparison.table("tasks_taskexportjob").orElseThrow();
        assertEquals(-1, jobs.rows(), "no catalog sized it");
        assertEquals(55.0, jobs.worstBefore().orElseThrow().seconds(), 1e-9);
        assertEquals("ACCESS EXCLUSIVE: metadata only, lock_timeout 2s", jobs.worstAfter().orElseThrow().describe());
    }

    @Test
    void aLockTimeoutTheFileSetsIsNamed() throws Exception {
        SchemaModel schema = sizedSchema();
        String sql = "SET lock_timeout = '1s';\nALTER TABLE articles_article ADD COLUMN flag boolean;\n"
                + "SET lock_timeout TO 0;\nALTER TABLE articles_article ADD COLUMN other boolean;\n";
        Conversion c = new Converter(PgVersion.DEFAULT).convert("t.sql", sql, schema);
        TableLocks articles = LockComparison.of("t.sql", sql, c.plan(), schema, PgVersion.DEFAULT, THROUGHPUT)
                .table("articles_article").orElseThrow();
        assertEquals(List.of("ACCESS EXCLUSIVE: metadata only, lock_timeout 1s",
                "ACCESS EXCLUSIVE: metadata only, no lock_timeout"), articles.before().stream().map(LockHold::describe).toList());
    }

    @Test
    void withoutSizesAHoldSaysWhatItDoesButNotHowLong() throws Exception {
        SchemaModel schema = SchemaFiles.of(Files.readString(Path.of("migrations-samples/schema.sql")));
        String sql = Files.readString(Path.of("migrations-samples/0042_add_summary_unsafe.sql"));
        Conversion c = new Converter(PgVersion.DEFAULT).convert("0042.sql", sql, schema);
        TableLocks articles = LockComparison.of("0042.sql", sql, c.plan(), schema, PgVersion.DEFAULT, null)
                .table("articles_article").orElseThrow();
        LockHold worst = articles.worstBefore().orElseThrow();
        assertEquals("SHARE: index build of every row", worst.describe());
        assertFalse(worst.durationKnown());
        assertEquals("ROW EXCLUSIVE: backfill in batches of 5,000 rows, each its own transaction: row locks on one "
                + "batch at a time", articles.after().get(1).describe());
    }
}

package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.db.PgEnvironment;
import dev.phasewise.plan.Plan;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.Runner;
import dev.phasewise.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point of converting: the seed's naive migration, run as written on a table with rows, makes the
 * application's single-row writes wait for as long as its UPDATE runs; the converted plan, run by the
 * runner on a copy with the same concurrent writer, never makes a write wait a second.
 */
class ConvertUnderLoadIT {
    private static final int ROWS = 200_000;

    @Test
    void noWriteWaitsASecondBehindTheConvertedPlanWhileTheOriginalBlocksThem() throws Exception {
        EmbeddedPostgres pg = TestPostgres.server(17);
        String schemaSql = Files.readString(Path.of("migrations-samples/schema.sql"), StandardCharsets.UTF_8);
        String migration = Files.readString(Path.of("migrations-samples/0042_add_summary_unsafe.sql"),
                StandardCharsets.UTF_8);
        TestPostgres.freshDatabase(17, "conv_load_a");
        try (Connection c = pg.getDatabase("postgres", "conv_load_a").getConnection(); Statement st = c.createStatement()) {
            st.execute(schemaSql);
            st.execute("INSERT INTO auth_user (username, email) VALUES ('a', 'a@example.com')");
            st.execute("INSERT INTO articles_article (author_id, title, slug, body) SELECT 1, 'T' || g, 's-' || g, "
                    + "repeat('Body text ', 40) || g FROM generate_series(1, " + ROWS + ") g");
            st.execute("VACUUM ANALYZE articles_article");
        }
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS conv_load_b");
            st.execute("CREATE DATABASE conv_load_b TEMPLATE conv_load_a");
            st.execute("ALTER DATABASE conv_load_b SET phasewise.environment = 'staging'");
        }

        long originalMax;
        try (Writer w = new Writer(pg, "conv_load_a")) {
            try (Connection c = pg.getDatabase("postgres", "conv_load_a").getConnection();
                 Statement st = c.createStatement()) {
                st.execute(migration);
            }
            originalMax = w.stop();
        }

        Plan plan = new Converter(PgVersion.DEFAULT).convert("0042.sql", migration, SchemaFiles.of(schemaSql)).plan();
        long planMax;
        RunResult result;
        try (Writer w = new Writer(pg, "conv_load_b"); Database db = Database.open(settings(pg, "conv_load_b"))) {
            result = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    new CopyOnWriteArrayList<RunEvent>()::add).start(plan, Path.of("0042.plan.yaml"), new RunControl());
            planMax = w.stop();
        }
        assertEquals(RunStatus.SUCCEEDED, result.status(), result.message());
        assertTrue(planMax < 1_000, "a write waited " + planMax + " ms behind the converted plan");
        assertTrue(originalMax > 3 * planMax, "the original migration made writes wait at most " + originalMax
                + " ms, the plan " + planMax + " ms: the writer did not see the difference it is here to see");
    }

    private static ConnectionSettings settings(EmbeddedPostgres pg, String database) {
        return ConnectionSettings.resolve(Map.of("host", "localhost", "port", Integer.toString(pg.getPort()), "user",
                "postgres", "dbname", database), new PgEnvironment(Map.of(), Path.of("/nonexistent-home"), "nobody",
                PgEnvironment.Os.POSIX));
    }

    /** The application: single-row updates of random articles, one after another, each timed. */
    private static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong maxMillis = new AtomicLong();
        private final Thread thread;
        private final Connection connection;

        Writer(EmbeddedPostgres pg, String database) throws Exception {
            connection = pg.getDatabase("postgres", database).getConnection();
            connection.setAutoCommit(true);
            PreparedStatement update = connection.prepareStatement(
                    "UPDATE articles_article SET status = CASE status WHEN 'draft' THEN 'published' ELSE 'draft' END "
                            + "WHERE id = ?");
            thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        update.setLong(1, 1 + ThreadLocalRandom.current().nextInt(ROWS));
                        long t0 = System.nanoTime();
                        update.executeUpdate();
                        maxMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "writer");
            thread.start();
            Thread.sleep(200); // the writer is running before the migration starts
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return maxMillis.get();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join();
            connection.close();
        }
    }
}

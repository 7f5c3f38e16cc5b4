package dev.phasewise.db.catalog;

import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table facts and the live lock context, read from a real server. */
class TableFactsIT {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.seededDatabase(17, "table_facts");
    }

    @Test
    void factsOfATable() throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            TableFacts f = new TableFactsReader(c).read("articles_article", true).orElseThrow();
            assertEquals("articles_article", f.name());
            assertEquals("table", f.kind());
            assertTrue(f.exactRows() > 0);
            assertTrue(f.heapBytes() > 0 && f.indexBytes() > 0);
            assertTrue(f.columns().stream().anyMatch(col -> col.name().equals("title")));
            assertTrue(f.indexes().stream().anyMatch(i -> i.name().equals("articles_article_slug_key") && i.unique() && i.valid()));
            assertTrue(f.constraints().stream().anyMatch(k -> k.name().equals("articles_views_nonneg") && !k.validated()));
            assertTrue(f.triggers().stream().anyMatch(t -> t.name().equals("articles_touch")));
            assertTrue(f.dependentViews().contains("article_summaries"), f.dependentViews().toString());
            assertTrue(f.foreignKeysIn().stream().anyMatch(k -> k.fromTable().equals("comments")));
            TableFacts events = new TableFactsReader(c).read("events", false).orElseThrow();
            assertEquals("partitioned table", events.kind());
            assertTrue(events.partitions().contains("events_2025"));
            assertEquals(-1, events.exactRows());
            assertEquals("events", new TableFactsReader(c).read("events_2025", false).orElseThrow().parent());
            assertTrue(new TableFactsReader(c).read("no_such_table", false).isEmpty());
            assertTrue(new TableFactsReader(c).read("a.b.c.d", false).isEmpty());
            assertTrue(new TableFactsReader(c).read("x; DROP TABLE users", false).isEmpty());
        }
    }

    @Test
    void liveContextShowsLongTransactionsLockHoldersAndWhoBlocksWhom() throws Exception {
        try (Connection holder = TestPostgres.connect(url); Connection waiter = TestPostgres.connect(url);
             Connection observer = TestPostgres.connect(url)) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT count(*) FROM users");
            }
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement st = waiter.createStatement()) {
                    st.execute("SET lock_timeout = '20s'");
                    st.execute("ALTER TABLE users ADD COLUMN nickname text");
                } catch (Exception ignored) {
                    // released by the holder's rollback below, or timed out
                }
            });
            LiveContext ctx = null;
            for (int i = 0; i < 100; i++) {
                ctx = LiveContext.read(observer, "users", Duration.ZERO);
                if (ctx.lockHolders().stream().anyMatch(h -> !h.granted())) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(ctx.contended());
            LiveContext.LockHolder waiting = ctx.lockHolders().stream().filter(h -> !h.granted()).findFirst().orElseThrow();
            assertEquals("AccessExclusiveLock", waiting.mode());
            LiveContext.LockHolder holding = ctx.lockHolders().stream().filter(LiveContext.LockHolder::granted)
                    .findFirst().orElseThrow();
            assertEquals("AccessShareLock", holding.mode());
            assertEquals(java.util.List.of(holding.pid()), waiting.blockedBy());
            assertTrue(ctx.longTransactions().stream().anyMatch(s -> s.pid() == holding.pid()));
            holder.rollback();
            blocked.get(30, TimeUnit.SECONDS);
            try (Statement st = observer.createStatement()) {
                st.execute("ALTER TABLE users DROP COLUMN IF EXISTS nickname");
            }
            assertFalse(LiveContext.read(observer, "users", Duration.ofHours(1)).contended());
        }
    }
}

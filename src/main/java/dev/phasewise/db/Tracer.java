package dev.phasewise.db;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Finds out what PostgreSQL really does when it runs a statement: which relations it locks and
 * in which mode ({@code pg_locks}), which it rewrites (a new {@code relfilenode}) and which it
 * scans sequentially ({@code seq_scan} counters).
 *
 * <p>A transactional statement runs inside {@code BEGIN ... ROLLBACK}; its locks are read from
 * the same session before the rollback (a data-changing one changes only its first row:
 * {@link FirstRowOnly}). A statement that cannot run in a transaction block
 * ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...) is observed from outside: one
 * blocker session per table holds a lock, so that every request of the statement that could
 * raise the mode seen on a table must wait; each is read from {@code pg_locks} as a waiting row
 * and then let through by swapping that blocker for a weaker one. Such statements commit;
 * undoing them is the caller's job.
 */
public final class Tracer {
    private final Connection session;
    private final Supplier<Connection> newSession;

    /**
     * @param session    the session statements run in
     * @param newSession opens further sessions (observer, blockers) for non-transactional statements
     */
    public Tracer(Connection session, Supplier<Connection> newSession) {
        this.session = session;
        this.newSession = newSession;
    }

    /** Runs the statement in BEGIN ... ROLLBACK and reports what it did. */
    public TraceResult traceInTransaction(String sql) throws SQLException {
        return traceInTransaction(List.of(), sql);
    }

    /**
     * Runs {@code prefix} (the statements before this one in its migration), then the statement,
     * all in one BEGIN ... ROLLBACK, and reports what the statement itself did. Each prefix
     * statement runs under a savepoint, so that one that fails does not abort the rest.
     *
     * <p>pg_locks shows one row per lock mode held; the statement's locks are the rows that were
     * not there before it. A mode the prefix already holds cannot be seen again: the result
     * names those relations and modes ({@link TraceResult#heldBefore()}).
     *
     * <p>Data-changing statements do not do all their work: the traced one changes only its first
     * row ({@link FirstRowOnly}), and earlier ones that may change many rows are replayed on their first
     * row only: how many rows they write does not change this statement's locks, rewrites or scans, but
     * whether they wrote any does (a foreign key on a column a backfill filled looks up referenced rows;
     * on a column of NULLs it looks up none). When PostgreSQL rejects the
     * statement without them (a SET NOT NULL after the backfill that fills the column), it is traced
     * again with them replayed in full, and the result says so. Every row version written is rolled
     * back and left as a dead row: the result counts them ({@link TraceResult#deadRows()}).
     */
    public TraceResult traceInTransaction(List<String> prefix, String sql) throws SQLException {
        List<String> skipped = prefix.stream().filter(FirstRowOnly::changesManyRows).toList();
        TraceResult light = runInTransaction(prefix, sql, !skipped.isEmpty());
        if (skipped.isEmpty()) {
            return light;
        }
        if (light.failed()) {
            return runInTransaction(prefix, sql, false).after(light, "without the " + skipped.size()
                    + " earlier data-changing statement(s) PostgreSQL rejected it (" + light.error()
                    + "), so they were replayed in full");
        }
        return light.after(new TraceResult(List.of(), null, Map.of()), skipped.size()
                + " earlier data-changing statement(s) replayed on their first row only: how many rows they change"
                + " does not change this one's locks, rewrites or scans");
    }

    private TraceResult runInTransaction(List<String> prefix, String sql, boolean skipManyRows) throws SQLException {
        boolean auto = session.getAutoCommit();
        session.setAutoCommit(false);
        try (Statement st = session.createStatement()) {
            Map<Long, Long> writtenBefore = TraceReads.written(session);
            for (String p : prefix) {
                if (skipManyRows && FirstRowOnly.changesManyRows(p)) {
                    QualifiedName written = FirstRowOnly.target(p);
                    if (written == null || FirstRowOnly.install(session, written) != null) {
                        continue; // cannot be limited: left out, as its row count does not matter here
                    }
                }
                st.execute("SAVEPOINT phasewise_prefix");
                try {
                    st.execute(p);
                    st.execute("RELEASE SAVEPOINT phasewise_prefix");
                } catch (SQLException e) {
                    st.execute("ROLLBACK TO SAVEPOINT phasewise_prefix");
                }
            }
            Map<Long, TraceReads.Rel> before = TraceReads.relations(session);
            List<String> notes = new ArrayList<>();
            var target = FirstRowOnly.target(sql);
            if (target != null) {
                String why = FirstRowOnly.install(session, target);
                notes.add(why == null ? "changed only its first row (a rolled-back BEFORE ROW trigger skipped the "
                        + "others): its locks and scans are PostgreSQL's own, without writing every row"
                        : "ran in full: " + why);
            }
            Map<Long, Long> scansBefore = TraceReads.xactScans(session);
            Map<Long, Set<LockMode>> held = TraceReads.ownLockModes(session);
            st.execute("SAVEPOINT phasewise_statement");
            try {
                st.execute(sql);
            } catch (SQLException e) {
                st.execute("ROLLBACK TO SAVEPOINT phasewise_statement");
                return new TraceResult(List.of(), e.getMessage(), Map.of(), List.of(), List.copyOf(notes),
                        deadRows(session, before, writtenBefore));
            }
            Map<Long, Set<LockMode>> after = TraceReads.ownLockModes(session);
            Map<Long, LockMode> locks = new HashMap<>();
            after.forEach((oid, modes) -> modes.stream()
                    .filter(m -> !held.getOrDefault(oid, Set.of()).contains(m))
                    .forEach(m -> locks.merge(oid, m, LockMode::strongest)));
            Map<Long, Long> scansAfter = TraceReads.xactScans(session);
            Map<Long, Long> filenodes = TraceReads.filenodes(session, before.keySet());
            // a relation whose lock the prefix already held still shows its rewrite or scan
            held.forEach((oid, modes) -> {
                TraceReads.Rel rel = before.get(oid);
                boolean rewritten = rel != null && rel.relfilenode() != 0 && filenodes.get(oid) != null
                        && filenodes.get(oid) != rel.relfilenode();
                boolean scanned = scansAfter.getOrDefault(oid, 0L) > scansBefore.getOrDefault(oid, 0L);
                if (!locks.containsKey(oid) && (rewritten || scanned)) {
                    locks.put(oid, modes.stream().reduce(LockMode::strongest).orElseThrow());
                }
            });
            Map<String, LockMode> heldBefore = new LinkedHashMap<>();
            held.forEach((oid, modes) -> {
                TraceReads.Rel rel = before.get(oid);
                if (rel != null) {
                    heldBefore.put(rel.name(), modes.stream().reduce(LockMode::strongest).orElseThrow());
                }
            });
            return new TraceResult(effects(before, locks, scansBefore, scansAfter, filenodes), null, heldBefore,
                    List.of(), List.copyOf(notes), deadRows(session, before, writtenBefore));
        } finally {
            session.rollback();
            session.setAutoCommit(auto);
        }
    }

    /**
     * Row versions this transaction wrote to tables that existed before it: inserted and new versions
     * of updated rows, which the rollback leaves dead (deleted rows come back to life).
     */
    private static Map<String, Long> deadRows(Connection c, Map<Long, TraceReads.Rel> existing, Map<Long, Long> writtenBefore)
            throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        TraceReads.written(c).forEach((oid, n) -> {
            TraceReads.Rel rel = existing.get(oid);
            long delta = n - writtenBefore.getOrDefault(oid, 0L);
            if (rel != null && delta > 0) {
                out.put(rel.name(), delta);
            }
        });
        return Map.copyOf(out);
    }

    /**
     * Runs a statement that cannot run inside a transaction block and watches it from other
     * sessions. The statement's effects stay; the caller undoes them.
     *
     * <p>Every table starts blocked by an ACCESS EXCLUSIVE lock held in its own session, so the
     * statement's first request on any table must wait, and is read from {@code pg_locks} as a
     * waiting row. When the statement waits in mode M, a new blocker queues behind it in the
     * weakest mode that lets M through but conflicts with every stronger mode, and then the old
     * blocker is released: PostgreSQL grants both at once, and any later, stronger request of the
     * statement (the second transaction of {@code DETACH PARTITION CONCURRENTLY} taking ACCESS
     * EXCLUSIVE on the partition) must wait again and is seen. No poll has to fall into a window.
     *
     * <p>The concurrent statements also wait, between their transactions, for every transaction
     * holding a lock on the table (a {@code virtualxid} wait, not a table lock): the blockers. Such
     * a blocker is replaced by a new session holding the same lock (granted or queued before the old
     * one goes), which the statement does not wait for, since it only waits for the lockers it saw
     * when it began waiting; so the tables stay blocked through every phase.
     *
     * <p>A lock that nevertheless reaches the statement without having been seen waiting (a table
     * another session held so that it could not be blocked; a blocker that could not be queued in
     * time) is reported in {@link TraceResult#gaps()}, never silently missed.
     */
    public TraceResult traceOutsideTransaction(String sql) throws Exception {
        session.setAutoCommit(true);
        Map<Long, TraceReads.Rel> before = TraceReads.relations(session);
        long pid = TraceReads.scalar(session, "SELECT pg_backend_pid()");
        int version = TraceReads.serverVersion(session);
        ExecutorService pool = Executors.newCachedThreadPool();
        Map<Long, TraceBlocker> blockers = new LinkedHashMap<>();
        Map<Long, LockMode> seen = new HashMap<>();
        Set<String> gaps = new LinkedHashSet<>();
        try (Connection observer = newSession.get()) {
            observer.setAutoCommit(true);
            TraceReads.flushStats(session, version);
            Map<Long, Long> scansBefore = TraceReads.settledScans(observer, before.keySet(), version);
            for (TraceReads.Rel rel : before.values()) {
                if (blockable(rel)) {
                    TraceBlocker b = TraceBlocker.start(newSession.get(), rel, LockMode.ACCESS_EXCLUSIVE, pool, true);
                    if (b != null) {
                        blockers.put(rel.oid(), b);
                    } else {
                        gaps.add(rel.name() + ": another session holds a lock on it, so its locks were not "
                                + "watched");
                    }
                }
            }
            Future<String> outcome = pool.submit(() -> {
                try (Statement st = session.createStatement()) {
                    st.execute(sql);
                    return null;
                } catch (SQLException e) {
                    return e.getMessage();
                }
            });
            // a safety net only: a statement that waits on a session of the application waits with it
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!outcome.isDone() && System.nanoTime() < deadline) {
                watch(observer, pid, seen, blockers, before, pool, gaps);
                Thread.sleep(2);
            }
            if (!outcome.isDone() && !blockers.isEmpty()) {
                gaps.add("the statement had not finished after 10 minutes: every table was let go, and a "
                        + "lock it took after that may not have been seen");
            }
            blockers.values().forEach(TraceBlocker::release);
            blockers.clear();
            String error = outcome.get(60, TimeUnit.MINUTES);
            if (error != null) {
                return new TraceResult(List.of(), error, Map.of());
            }
            TraceReads.flushStats(session, version);
            Map<Long, Long> scansAfter = TraceReads.settledScans(observer, before.keySet(), version);
            Map<Long, Long> filenodes = TraceReads.filenodes(observer, before.keySet());
            return new TraceResult(effects(before, seen, scansBefore, scansAfter, filenodes), null, Map.of(),
                    List.copyOf(gaps), List.of(), Map.of());
        } finally {
            blockers.values().forEach(TraceBlocker::release);
            pool.shutdownNow();
        }
    }

    /**
     * Records the lock requests the traced session waits on, and lets it past them: a waiting
     * table lock by swapping that table's blocker for a weaker one, a wait for a blocker's
     * transaction by swapping that blocker for a fresh session holding the same lock.
     */
    private void watch(Connection observer, long pid, Map<Long, LockMode> seen, Map<Long, TraceBlocker> blockers,
                       Map<Long, TraceReads.Rel> relations, ExecutorService pool, Set<String> gaps)
            throws SQLException, InterruptedException {
        Map<Long, LockMode> waiting = new HashMap<>();
        boolean waitsOnOther = false;
        try (PreparedStatement ps = observer.prepareStatement(
                "SELECT locktype, relation, mode, granted FROM pg_locks WHERE pid = ?")) {
            ps.setLong(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean granted = rs.getBoolean(4);
                    if (!"relation".equals(rs.getString(1))) {
                        waitsOnOther |= !granted;
                        continue;
                    }
                    long oid = rs.getLong(2);
                    TraceReads.Rel rel = relations.get(oid);
                    if (rel == null) {
                        continue;
                    }
                    LockMode mode = LockMode.fromPgName(rs.getString(3));
                    if (!granted) {
                        waiting.put(oid, mode);
                        seen.merge(oid, mode, LockMode::strongest);
                    } else if (!blockable(rel)) {
                        if (seen.get(oid) == null || mode.strongerThan(seen.get(oid))) {
                            gaps.add(rel.name() + ": " + mode.pgName() + " was read while held; LOCK TABLE "
                                    + "cannot block a " + kindName(rel) + ", so a briefer lock could be missed");
                        }
                        seen.merge(oid, mode, LockMode::strongest);
                    } else if (seen.get(oid) == null || mode.strongerThan(seen.get(oid))) {
                        seen.merge(oid, mode, LockMode::strongest);
                        gaps.add(rel.name() + ": " + mode.pgName() + " was granted without being seen waiting");
                    }
                }
            }
        }
        for (Map.Entry<Long, LockMode> w : waiting.entrySet()) {
            TraceBlocker old = blockers.remove(w.getKey());
            if (old == null) {
                continue;
            }
            LockMode next = weakestBlockerAbove(w.getValue());
            if (next != null) {
                TraceReads.Rel rel = relations.get(w.getKey());
                TraceBlocker b = TraceBlocker.start(newSession.get(), rel, next, pool, false);
                if (b != null) {
                    if (!b.awaitQueued(observer)) {
                        gaps.add(rel.name() + ": the next blocker could not queue in time; a stronger lock "
                                + "than " + w.getValue().pgName() + " may not have been seen");
                    }
                    blockers.put(w.getKey(), b);
                }
            }
            old.release();
        }
        if (waitsOnOther) {
            letPastWaitForLockers(observer, pid, blockers, relations, pool, gaps);
        }
    }

    /**
     * Tables and partitioned tables. LOCK TABLE refuses materialized views and foreign tables, and
     * on a view it locks the view's tables too, which would fight those tables' own blockers.
     */
    private static boolean blockable(TraceReads.Rel rel) {
        return rel.relkind() == 'r' || rel.relkind() == 'p';
    }

    private static String kindName(TraceReads.Rel rel) {
        return switch (rel.relkind()) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'f' -> "foreign table";
            default -> "relation";
        };
    }

    /**
     * The statement waits for transactions that hold locks on a table (CREATE INDEX CONCURRENTLY,
     * DETACH PARTITION CONCURRENTLY and the others do, between their phases): each blocker it waits
     * for is replaced by a new session that takes the same lock first, so that the table stays
     * blocked for the statement's next request.
     */
    private void letPastWaitForLockers(Connection observer, long pid, Map<Long, TraceBlocker> blockers,
                                       Map<Long, TraceReads.Rel> relations, ExecutorService pool, Set<String> gaps)
            throws SQLException, InterruptedException {
        Set<Long> waitedFor = new HashSet<>();
        try (PreparedStatement ps = observer.prepareStatement("SELECT unnest(pg_blocking_pids(?::int))")) {
            ps.setLong(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waitedFor.add(rs.getLong(1));
                }
            }
        }
        for (Map.Entry<Long, TraceBlocker> e : new ArrayList<>(blockers.entrySet())) {
            TraceBlocker old = e.getValue();
            if (!waitedFor.contains(old.pid())) {
                continue;
            }
            TraceReads.Rel rel = relations.get(e.getKey());
            TraceBlocker b = TraceBlocker.start(newSession.get(), rel, old.mode(), pool, false);
            if (b == null) {
                continue;
            }
            if (!b.awaitQueued(observer)) {
                gaps.add(rel.name() + ": its blocker could not be replaced in time; a lock taken after the "
                        + "statement's wait for other transactions may not have been seen");
            }
            blockers.put(e.getKey(), b);
            old.release();
        }
    }

    /**
     * The weakest mode that does not conflict with {@code granted} but conflicts with every
     * stronger mode: held by the next blocker, it lets the current request through and stops
     * the next, stronger one.
     */
    static LockMode weakestBlockerAbove(LockMode granted) {
        for (LockMode candidate : LockMode.values()) {
            if (candidate.conflictsWith(granted)) {
                continue;
            }
            boolean stopsStronger = true;
            for (LockMode stronger : LockMode.values()) {
                if (stronger.strongerThan(granted) && !candidate.conflictsWith(stronger)) {
                    stopsStronger = false;
                    break;
                }
            }
            if (stopsStronger) {
                return candidate;
            }
        }
        return null;
    }

    private List<TracedEffect> effects(Map<Long, TraceReads.Rel> before, Map<Long, LockMode> locks, Map<Long, Long> scansBefore,
                                       Map<Long, Long> scansAfter, Map<Long, Long> filenodes) {
        List<TracedEffect> out = new ArrayList<>();
        for (Map.Entry<Long, TraceReads.Rel> e : before.entrySet()) {
            long oid = e.getKey();
            LockMode mode = locks.get(oid);
            if (mode == null) {
                continue;
            }
            TraceReads.Rel rel = e.getValue();
            Long node = filenodes.get(oid);
            boolean rewrite = rel.relfilenode() != 0 && node != null && node != rel.relfilenode();
            boolean scan = scansAfter.getOrDefault(oid, 0L) > scansBefore.getOrDefault(oid, 0L);
            out.add(new TracedEffect(rel.name(), mode, rewrite, scan));
        }
        return out;
    }

}

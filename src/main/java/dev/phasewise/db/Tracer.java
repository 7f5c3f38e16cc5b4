package dev.phasewise.db;

import dev.phasewise.analysis.LockMode;
import dev.phasewise.analysis.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
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
    private static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'phasewise')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'""";

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

    private record Rel(long oid, String name, char relkind, long relfilenode) {
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
     * row ({@link FirstRowOnly}), and earlier ones that may change many rows are not replayed, since
     * their rows do not change this statement's locks, rewrites or scans. When PostgreSQL rejects the
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
                + " earlier data-changing statement(s) not replayed: their rows do not change this one's locks,"
                + " rewrites or scans");
    }

    private TraceResult runInTransaction(List<String> prefix, String sql, boolean skipManyRows) throws SQLException {
        boolean auto = session.getAutoCommit();
        session.setAutoCommit(false);
        try (Statement st = session.createStatement()) {
            Map<Long, Long> writtenBefore = written(session);
            for (String p : prefix) {
                if (skipManyRows && FirstRowOnly.changesManyRows(p)) {
                    continue;
                }
                st.execute("SAVEPOINT phasewise_prefix");
                try {
                    st.execute(p);
                    st.execute("RELEASE SAVEPOINT phasewise_prefix");
                } catch (SQLException e) {
                    st.execute("ROLLBACK TO SAVEPOINT phasewise_prefix");
                }
            }
            Map<Long, Rel> before = relations(session);
            List<String> notes = new ArrayList<>();
            var target = FirstRowOnly.target(sql);
            if (target != null) {
                String why = FirstRowOnly.install(session, target);
                notes.add(why == null ? "changed only its first row (a rolled-back BEFORE ROW trigger skipped the "
                        + "others): its locks and scans are PostgreSQL's own, without writing every row"
                        : "ran in full: " + why);
            }
            Map<Long, Long> scansBefore = xactScans(session);
            Map<Long, Set<LockMode>> held = ownLockModes(session);
            st.execute("SAVEPOINT phasewise_statement");
            try {
                st.execute(sql);
            } catch (SQLException e) {
                st.execute("ROLLBACK TO SAVEPOINT phasewise_statement");
                return new TraceResult(List.of(), e.getMessage(), Map.of(), List.of(), List.copyOf(notes),
                        deadRows(session, before, writtenBefore));
            }
            Map<Long, Set<LockMode>> after = ownLockModes(session);
            Map<Long, LockMode> locks = new HashMap<>();
            after.forEach((oid, modes) -> modes.stream()
                    .filter(m -> !held.getOrDefault(oid, Set.of()).contains(m))
                    .forEach(m -> locks.merge(oid, m, LockMode::strongest)));
            Map<Long, Long> scansAfter = xactScans(session);
            Map<Long, Long> filenodes = filenodes(session, before.keySet());
            // a relation whose lock the prefix already held still shows its rewrite or scan
            held.forEach((oid, modes) -> {
                Rel rel = before.get(oid);
                boolean rewritten = rel != null && rel.relfilenode() != 0 && filenodes.get(oid) != null
                        && filenodes.get(oid) != rel.relfilenode();
                boolean scanned = scansAfter.getOrDefault(oid, 0L) > scansBefore.getOrDefault(oid, 0L);
                if (!locks.containsKey(oid) && (rewritten || scanned)) {
                    locks.put(oid, modes.stream().reduce(LockMode::strongest).orElseThrow());
                }
            });
            Map<String, LockMode> heldBefore = new LinkedHashMap<>();
            held.forEach((oid, modes) -> {
                Rel rel = before.get(oid);
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
    private static Map<String, Long> deadRows(Connection c, Map<Long, Rel> existing, Map<Long, Long> writtenBefore)
            throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        written(c).forEach((oid, n) -> {
            Rel rel = existing.get(oid);
            long delta = n - writtenBefore.getOrDefault(oid, 0L);
            if (rel != null && delta > 0) {
                out.put(rel.name(), delta);
            }
        });
        return Map.copyOf(out);
    }

    /**
     * Rows inserted and updated per table, as the session's pending statistics count them. Since
     * PostgreSQL 15 these include earlier transactions of the session not yet flushed, so only a
     * difference within one transaction (when nothing is flushed) counts this transaction's rows.
     */
    private static Map<Long, Long> written(Connection c) throws SQLException {
        return countsByRelation(c, "SELECT relid, n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables "
                + "WHERE n_tup_ins + n_tup_upd > 0");
    }

    /** A query's (relation oid, count) rows as a map. */
    private static Map<Long, Long> countsByRelation(Connection c, String sql) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
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
        Map<Long, Rel> before = relations(session);
        long pid = scalar(session, "SELECT pg_backend_pid()");
        int version = serverVersion(session);
        ExecutorService pool = Executors.newCachedThreadPool();
        Map<Long, Blocker> blockers = new LinkedHashMap<>();
        Map<Long, LockMode> seen = new HashMap<>();
        Set<String> gaps = new LinkedHashSet<>();
        try (Connection observer = newSession.get()) {
            observer.setAutoCommit(true);
            flushStats(session, version);
            Map<Long, Long> scansBefore = settledScans(observer, before.keySet(), version);
            for (Rel rel : before.values()) {
                if (blockable(rel)) {
                    Blocker b = Blocker.start(newSession.get(), rel, LockMode.ACCESS_EXCLUSIVE, pool, true);
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
            blockers.values().forEach(Blocker::release);
            blockers.clear();
            String error = outcome.get(60, TimeUnit.MINUTES);
            if (error != null) {
                return new TraceResult(List.of(), error, Map.of());
            }
            flushStats(session, version);
            Map<Long, Long> scansAfter = settledScans(observer, before.keySet(), version);
            Map<Long, Long> filenodes = filenodes(observer, before.keySet());
            return new TraceResult(effects(before, seen, scansBefore, scansAfter, filenodes), null, Map.of(),
                    List.copyOf(gaps), List.of(), Map.of());
        } finally {
            blockers.values().forEach(Blocker::release);
            pool.shutdownNow();
        }
    }

    /**
     * Records the lock requests the traced session waits on, and lets it past them: a waiting
     * table lock by swapping that table's blocker for a weaker one, a wait for a blocker's
     * transaction by swapping that blocker for a fresh session holding the same lock.
     */
    private void watch(Connection observer, long pid, Map<Long, LockMode> seen, Map<Long, Blocker> blockers,
                       Map<Long, Rel> relations, ExecutorService pool, Set<String> gaps)
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
                    Rel rel = relations.get(oid);
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
            Blocker old = blockers.remove(w.getKey());
            if (old == null) {
                continue;
            }
            LockMode next = weakestBlockerAbove(w.getValue());
            if (next != null) {
                Rel rel = relations.get(w.getKey());
                Blocker b = Blocker.start(newSession.get(), rel, next, pool, false);
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
    private static boolean blockable(Rel rel) {
        return rel.relkind() == 'r' || rel.relkind() == 'p';
    }

    private static String kindName(Rel rel) {
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
    private void letPastWaitForLockers(Connection observer, long pid, Map<Long, Blocker> blockers,
                                       Map<Long, Rel> relations, ExecutorService pool, Set<String> gaps)
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
        for (Map.Entry<Long, Blocker> e : new ArrayList<>(blockers.entrySet())) {
            Blocker old = e.getValue();
            if (!waitedFor.contains(old.pid)) {
                continue;
            }
            Rel rel = relations.get(e.getKey());
            Blocker b = Blocker.start(newSession.get(), rel, old.mode, pool, false);
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

    /** A session that holds (or queues for) one lock on one table until released. */
    private static final class Blocker {
        private final Connection connection;
        private final Future<?> lockRequest;
        private final long pid;
        private final long oid;
        private final LockMode mode;

        private Blocker(Connection connection, Future<?> lockRequest, long pid, long oid, LockMode mode) {
            this.connection = connection;
            this.lockRequest = lockRequest;
            this.pid = pid;
            this.oid = oid;
            this.mode = mode;
        }

        static Blocker start(Connection c, Rel rel, LockMode mode, ExecutorService pool, boolean nowait)
                throws SQLException {
            // The pid is read in autocommit mode: a SELECT inside the blocker's transaction would give it a
            // snapshot, and CREATE INDEX CONCURRENTLY waits for every transaction holding an old snapshot.
            c.setAutoCommit(true);
            long pid = scalar(c, "SELECT pg_backend_pid()");
            c.setAutoCommit(false);
            String lock = "LOCK TABLE ONLY " + quote(rel.name()) + " IN " + mode.sqlName() + " MODE"
                    + (nowait ? " NOWAIT" : "");
            if (nowait) {
                try (Statement st = c.createStatement()) {
                    st.execute(lock);
                    return new Blocker(c, null, pid, rel.oid(), mode);
                } catch (SQLException e) {
                    c.close();
                    return null;
                }
            }
            Future<?> request = pool.submit(() -> {
                try (Statement st = c.createStatement()) {
                    st.execute(lock);
                }
                return null;
            });
            return new Blocker(c, request, pid, rel.oid(), mode);
        }

        /** Waits until this blocker's request is granted or in the lock queue; false if it never got there. */
        boolean awaitQueued(Connection observer) throws SQLException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (PreparedStatement ps = observer.prepareStatement(
                        "SELECT 1 FROM pg_locks WHERE pid = ? AND relation = ? AND locktype = 'relation'")) {
                    ps.setLong(1, pid);
                    ps.setLong(2, oid);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
                Thread.sleep(1);
            }
            return false;
        }

        void release() {
            try {
                if (lockRequest != null) {
                    lockRequest.get(10, TimeUnit.SECONDS);
                }
            } catch (Exception ignored) {
                // a request that never came through is ended by closing its session
            }
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException ignored) {
                // the blocker only held a lock; closing is best effort
            }
        }
    }

    /** Makes the session publish its pending statistics, so that counters read elsewhere are current. */
    private static void flushStats(Connection c, int version) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (version >= 150000) {
                st.execute("SELECT pg_stat_force_next_flush()");
            }
            st.execute("SELECT 1");
        }
    }

    /** seq_scan counters once they stop moving (the stats system publishes with some delay). */
    private static Map<Long, Long> settledScans(Connection observer, Set<Long> oids, int version)
            throws SQLException, InterruptedException {
        long pause = version >= 150000 ? 100 : 700;
        Map<Long, Long> last = sharedScans(observer, oids);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(pause);
            Map<Long, Long> now = sharedScans(observer, oids);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private List<TracedEffect> effects(Map<Long, Rel> before, Map<Long, LockMode> locks, Map<Long, Long> scansBefore,
                                       Map<Long, Long> scansAfter, Map<Long, Long> filenodes) {
        List<TracedEffect> out = new ArrayList<>();
        for (Map.Entry<Long, Rel> e : before.entrySet()) {
            long oid = e.getKey();
            LockMode mode = locks.get(oid);
            if (mode == null) {
                continue;
            }
            Rel rel = e.getValue();
            Long node = filenodes.get(oid);
            boolean rewrite = rel.relfilenode() != 0 && node != null && node != rel.relfilenode();
            boolean scan = scansAfter.getOrDefault(oid, 0L) > scansBefore.getOrDefault(oid, 0L);
            out.add(new TracedEffect(rel.name(), mode, rewrite, scan));
        }
        return out;
    }

    private static Map<Long, Rel> relations(Connection c) throws SQLException {
        Map<Long, Rel> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RELATIONS)) {
            while (rs.next()) {
                String schema = rs.getString(2);
                String name = schema.equals("public") ? rs.getString(3) : schema + "." + rs.getString(3);
                out.put(rs.getLong(1), new Rel(rs.getLong(1), name, rs.getString(4).charAt(0), rs.getLong(5)));
            }
        }
        return out;
    }

    private static Map<Long, Set<LockMode>> ownLockModes(Connection c) throws SQLException {
        Map<Long, Set<LockMode>> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(LockMode.class))
                        .add(LockMode.fromPgName(rs.getString(2)));
            }
        }
        return out;
    }

    private static Map<Long, Long> xactScans(Connection c) throws SQLException {
        return countsByRelation(c, "SELECT relid, seq_scan FROM pg_stat_xact_user_tables");
    }

    private static Map<Long, Long> sharedScans(Connection c, Set<Long> oids) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT relid, seq_scan FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    if (oids.contains(rs.getLong(1))) {
                        out.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }

    private static Map<Long, Long> filenodes(Connection c, Set<Long> oids) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT oid, relfilenode FROM pg_class WHERE oid::bigint = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("int8", oids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static long scalar(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    private static String quote(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            return Identifiers.quote(qualified);
        }
        return Identifiers.quote(qualified.substring(0, dot)) + "."
                + Identifiers.quote(qualified.substring(dot + 1));
    }
}

package dev.phasewise.db.trace;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.rules.ConcurrentlyInTransaction;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.db.TraceResult;
import dev.phasewise.db.TracedEffect;
import dev.phasewise.db.Tracer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Traces a whole migration file on a staging database and sets what PostgreSQL did beside what
 * the static analysis predicted.
 *
 * <p>Statement N runs in its own {@code BEGIN ... ROLLBACK}, after statements 1..N-1 have run in
 * the same transaction, so that it sees the schema they build (a column added by statement 1 can
 * be indexed by statement 2) and nothing is ever committed. That costs N(N-1)/2 replays, which
 * migrations of tens of statements afford. A statement that cannot run in a transaction
 * ({@code CREATE INDEX CONCURRENTLY}, ...) runs on its own from a second session, against the
 * database as it is; the catalog is compared before and after and the difference undone. At the
 * end the whole catalog is compared with how it was at the start: anything left behind is reported.
 */
public final class MigrationTracer {
    private final Connection session;
    private final Supplier<Connection> newSession;
    private final Analyzer analyzer;

    public MigrationTracer(Connection session, Supplier<Connection> newSession, Analyzer analyzer) {
        this.session = session;
        this.newSession = newSession;
        this.analyzer = analyzer;
    }

    /** Told when each statement's trace begins and ends, so that a long one can show progress. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void started(String file, int line, int number, int count, String sql) {
        }

        default void finished() {
        }
    }

    public TracedFile trace(String file, String source, SchemaModel base) throws SQLException {
        return trace(file, source, base, Progress.NONE);
    }

    public TracedFile trace(String file, String source, SchemaModel base, Progress progress) throws SQLException {
        return trace(file, source, base, progress, null);
    }

    /**
     * Traces the file and then applies it for real with {@code applier} ({@code trace --apply}): a
     * statement that cannot run in a transaction is traced after the statements before it have been
     * applied (committed, as psql would have committed them by then), so that it sees what they made
     * instead of the database as the file found it; the rest is applied after the trace. The result
     * lists what PostgreSQL rejected when applied.
     */
    public TracedFile traceAndApply(String file, String source, SchemaModel base, Progress progress,
                                    HistoryApplier applier) throws SQLException {
        return trace(file, source, base, progress, applier);
    }

    private TracedFile trace(String file, String source, SchemaModel base, Progress progress, HistoryApplier applier)
            throws SQLException {
        FileAnalysis predicted = analyzer.analyze(file, source, base);
        CatalogSnapshot start = CatalogSnapshot.take(session);
        List<Statement> pending = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        Set<String> existedBefore = relationNames(session);
        Tracer tracer = new Tracer(session, newSession);
        List<String> prefix = new ArrayList<>();
        List<TracedStatement> out = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        Map<String, Long> deadRows = new TreeMap<>();
        int i = 0;
        for (Statement statement : new Splitter(source, p -> { })) {
            StatementResult p = predicted.statements().get(i++);
            progress.started(file, p.line(), i, predicted.statements().size(), p.sql());
            try {
                if (applier != null && !pending.isEmpty() && p.error() == null
                        && ConcurrentlyInTransaction.nonTransactional(CommandParser.parse(statement)) != null) {
                    notApplied.addAll(applier.apply(pending));
                    pending.clear();
                    prefix.clear();
                    start = CatalogSnapshot.take(session); // what was applied is not left behind by the trace
                }
                out.add(traceOne(tracer, p, statement, prefix, undone, deadRows));
            } finally {
                progress.finished();
            }
            pending.add(statement);
        }
        List<String> leftBehind = CatalogSnapshot.take(session).differencesFrom(start);
        if (applier != null) {
            notApplied.addAll(applier.apply(pending));
        }
        List<String> needless = new ArrayList<>();
        for (TracedStatement t : out) {
            String alarm = needlessAlarm(t, existedBefore);
            if (alarm != null) {
                needless.add(alarm);
            }
        }
        return new TracedFile(file, out, predicted.problems(), undone, leftBehind, Map.copyOf(deadRows),
                List.copyOf(notApplied), List.copyOf(needless));
    }

    /**
     * An error the analysis reported on a statement that PostgreSQL showed to be safe: on no table
     * that existed before the file did it rewrite or scan under a lock that blocks writes, so what it
     * holds it holds only for a moment. Null when there is no error finding, or the statement was
     * not traced, or PostgreSQL did do such work.
     */
    static String needlessAlarm(TracedStatement t, Set<String> existedBefore) {
        if (!t.traced()) {
            return null;
        }
        List<String> errors = t.predicted().findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .map(f -> f.rule().id()).distinct().toList();
        if (errors.isEmpty()) {
            return null;
        }
        for (TracedEffect e : t.observed().tables()) {
            // a mode the statements before it already hold is not seen again, but the work is done under it
            LockMode held = t.observed().heldBefore().get(e.name());
            LockMode under = held == null ? e.lock() : LockMode.strongest(e.lock(), held);
            if (existedBefore.contains(e.name()) && under.blocksWrites() && (e.rewrite() || e.scan())) {
                return null;
            }
        }
        return "line " + t.predicted().line() + ": " + String.join(", ", errors) + " on "
                + t.predicted().sql().lines().findFirst().orElse("").strip();
    }

    /** The tables, views and the like that exist now, named as the trace names them (public ones unqualified). */
    private static Set<String> relationNames(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private TracedStatement traceOne(Tracer tracer, StatementResult p, Statement statement, List<String> prefix,
                                     List<String> undone, Map<String, Long> deadRows) throws SQLException {
        Command command = CommandParser.parse(statement);
        if (p.error() != null) {
            return TracedStatement.notTraced(p, "not traced: " + p.error());
        }
        if (command instanceof Command.Transaction) {
            return TracedStatement.notTraced(p, "transaction control: every statement is traced in its own "
                    + "rolled-back transaction");
        }
        if (ConcurrentlyInTransaction.nonTransactional(command) != null) {
            TracedStatement traced = traceOutside(tracer, p, statement, prefix, undone);
            String replay = transactionalForm(statement, command);
            if (replay != null) {
                prefix.add(replay);
            }
            return traced;
        }
        TraceResult observed = tracer.traceInTransaction(prefix, statement.text());
        observed.deadRows().forEach((table, n) -> deadRows.merge(table, n, Long::sum));
        prefix.add(statement.text());
        return observed.failed()
                ? TracedStatement.notTraced(p, "PostgreSQL rejected it: " + observed.error())
                : TracedStatement.compare(p, observed, null);
    }

    private TracedStatement traceOutside(Tracer tracer, StatementResult p, Statement statement, List<String> prefix,
                                         List<String> undone) throws SQLException {
        CatalogSnapshot before = CatalogSnapshot.take(session);
        TraceResult observed;
        try {
            observed = tracer.traceOutsideTransaction(statement.text());
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            observed = new TraceResult(List.of(), e.getMessage(), Map.of());
        }
        Undo undo = Undo.between(before, CatalogSnapshot.take(session));
        try (java.sql.Statement st = session.createStatement()) {
            session.setAutoCommit(true);
            for (String sql : undo.statements()) {
                st.execute(sql);
                undone.add(sql);
            }
        }
        String note = prefix.isEmpty() ? "traced outside a transaction, from a second session"
                : "traced outside a transaction, without the " + prefix.size()
                + " earlier statements (trace never commits them)";
        if (!observed.gaps().isEmpty()) {
            note += "; NOT SEEN FOR CERTAIN: " + String.join("; ", observed.gaps());
        }
        if (!undo.cannotUndo().isEmpty()) {
            note += "; could not undo: " + String.join("; ", undo.cannotUndo());
        }
        if (observed.failed()) {
            return TracedStatement.notTraced(p, "PostgreSQL rejected it: " + observed.error()
                    + (prefix.isEmpty() ? "" : " (it may depend on earlier statements, which trace does not commit)"));
        }
        return TracedStatement.compare(p, observed, note);
    }

    /**
     * The form of a non-transactional statement that later statements' replay can run inside
     * the transaction: CONCURRENTLY removed (same schema effect), or nothing for statements that
     * change no schema (VACUUM, REINDEX).
     */
    static String transactionalForm(Statement statement, Command command) {
        if (!(command instanceof Command.CreateIndex || command instanceof Command.DropIndex
                || command instanceof Command.AlterTable)) {
            return null;
        }
        for (Token t : statement.tokens()) {
            if (t.isWord("concurrently")) {
                int from = t.start() - statement.offset();
                int to = t.end() - statement.offset();
                return statement.text().substring(0, from) + statement.text().substring(to);
            }
        }
        return statement.text();
    }
}

package dev.phasewise.convert;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanAnalysis;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.steps.Backfill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per table, the locks a migration takes before it was made safe and after: what the application
 * feels from the original file (statement by statement, a lock taken inside {@code BEGIN} held until
 * {@code COMMIT}) beside what it feels from the converted plan (each action its own short
 * transaction behind the plan's lock_timeout, a backfill in batches).
 *
 * <p>Durations come from the analyses' estimates (a catalog's sizes and a measured throughput);
 * without them a hold says what it does, not how long.
 */
public record LockComparison(List<TableLocks> tables) {
    public LockComparison {
        tables = List.copyOf(tables);
    }

    public Optional<TableLocks> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    /** Analyses the original file and the plan against the same schema, and compares them. */
    public static LockComparison of(String file, String source, Plan plan, SchemaModel schema, PgVersion version,
                                    Throughput throughput) {
        FileAnalysis original = new Analyzer(version).withThroughput(throughput).analyze(file, source, schema);
        return of(original, plan, PlanAnalysis.analyze(plan, schema, version, throughput));
    }

    /**
     * @param original    the original file's analysis
     * @param plan        the converted plan
     * @param planResults the plan's analysis per action id ({@link PlanAnalysis#analyze})
     */
    public static LockComparison of(FileAnalysis original, Plan plan, Map<String, List<StatementResult>> planResults) {
        Map<String, Builder> tables = new LinkedHashMap<>();
        before(original.statements(), tables);
        after(plan, planResults, tables);
        return new LockComparison(tables.values().stream()
                .map(b -> new TableLocks(b.table, b.rows, b.before, b.after)).toList());
    }

    // ---- before: the original file ----

    private static void before(List<StatementResult> statements, Map<String, Builder> tables) {
        int[] commitAt = transactionEnds(statements);
        String[] timeouts = lockTimeouts(statements);
        for (int i = 0; i < statements.size(); i++) {
            if (commitAt[i] >= 0) {
                transaction(statements, i, commitAt[i], timeouts, tables);
                i = commitAt[i];
                continue;
            }
            StatementResult r = statements.get(i);
            Command command = commandOf(r.sql());
            for (TableEffect e : r.tables()) {
                if (e.preexisting()) {
                    boolean rowLocks = changesEveryRow(command, e);
                    builder(tables, e).addBefore(new LockHold(e.lock(), ownSeconds(r, e), rowLocks,
                            work(command, r, e, rowLocks) + timeoutWords(e, timeouts[i]), 1));
                }
            }
        }
    }

    /**
     * Statements {@code from..commit} are one transaction: each table's strongest lock is held from the
     * statement that takes it until COMMIT, through the work of every statement after it.
     */
    private static void transaction(List<StatementResult> statements, int from, int commit, String[] timeouts,
                                    Map<String, Builder> tables) {
        Map<String, Integer> takenAt = new LinkedHashMap<>();
        Map<String, Boolean> rowLocks = new LinkedHashMap<>();
        for (int j = from; j < Math.min(commit, statements.size()); j++) {
            Command command = commandOf(statements.get(j).sql());
            for (TableEffect e : statements.get(j).tables()) {
                if (!e.preexisting()) {
                    continue;
                }
                Integer k = takenAt.get(e.name());
                if (k == null || e.lock().strongerThan(effectOn(statements.get(k), e.name()).lock())) {
                    takenAt.put(e.name(), j);
                }
                rowLocks.merge(e.name(), changesEveryRow(command, e), Boolean::logicalOr);
            }
        }
        takenAt.forEach((table, k) -> {
            StatementResult r = statements.get(k);
            TableEffect e = effectOn(r, table);
            double seconds = 0;
            Map<String, Integer> later = new LinkedHashMap<>();
            for (int j = k; j < Math.min(commit, statements.size()); j++) {
                seconds += statementSeconds(statements.get(j));
                if (j > k) {
                    workWords(statements.get(j)).forEach(w -> later.merge(w, 1, Integer::sum));
                }
            }
            String what = work(commandOf(r.sql()), r, e, changesEveryRow(commandOf(r.sql()), e))
                    + timeoutWords(e, timeouts[k]);
            if (!later.isEmpty()) {
                List<String> through = new ArrayList<>();
                later.forEach((w, n) -> through.add(n == 1 ? w : n + " × " + w));
                what += "; held until COMMIT, through " + String.join(", ", through);
            } else if (commit > k + 1) {
                what += "; held until COMMIT";
            }
            builder(tables, e).addBefore(new LockHold(e.lock(), seconds, rowLocks.get(table), what, 1));
        });
    }

    private static TableEffect effectOn(StatementResult r, String table) {
        return r.tables().stream().filter(e -> e.name().equals(table)).findFirst().orElseThrow();
    }

    private static boolean changesEveryRow(Command command, TableEffect e) {
        return (command instanceof Command.Update || command instanceof Command.Delete) && e.scan();
    }

    private static Builder builder(Map<String, Builder> tables, TableEffect e) {
        return tables.computeIfAbsent(e.name(), n -> new Builder(n, e.relation().size().rows()));
    }

    private static final Pattern SET_LOCK_TIMEOUT = Pattern.compile(
            "^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?lock_timeout\\s*(?:=|TO)\\s*'?([^';\\s]+)'?",
            Pattern.CASE_INSENSITIVE);

    /** For each statement, the lock_timeout the file set before it, or null when none is in force. */
    private static String[] lockTimeouts(List<StatementResult> statements) {
        String[] out = new String[statements.size()];
        String current = null;
        for (int i = 0; i < statements.size(); i++) {
            Matcher m = SET_LOCK_TIMEOUT.matcher(statements.get(i).sql());
            if (m.find()) {
                current = m.group(1).equals("0") || m.group(1).equalsIgnoreCase("DEFAULT") ? null : m.group(1);
            }
            out[i] = current;
        }
        return out;
    }

    /**
     * A lock that blocks writes with no work under it is a moment, unless it must wait: behind a long
     * transaction it queues, and everything queues behind it. Whether a lock_timeout bounds that wait
     * is then what matters.
     */
    private static String timeoutWords(TableEffect e, String timeout) {
        if (!e.lock().blocksWrites() || e.rewrite() || e.scan()) {
            return "";
        }
        return timeout == null ? ", no lock_timeout" : ", lock_timeout " + timeout;
    }

    /** For each statement, the index of the COMMIT (or ROLLBACK) ending its transaction, or -1 in autocommit. */
    private static int[] transactionEnds(List<StatementResult> statements) {
        int[] end = new int[statements.size()];
        Arrays.fill(end, -1);
        int open = -1;
        for (int i = 0; i < statements.size(); i++) {
            if (commandOf(statements.get(i).sql()) instanceof Command.Transaction t) {
                if (t.kind().equals("begin")) {
                    open = i;
                } else if (open >= 0 && (t.kind().startsWith("commit") || t.kind().equals("rollback")
                        || t.kind().equals("prepare transaction"))) {
                    Arrays.fill(end, open, i + 1, i);
                    open = -1;
                }
            }
        }
        if (open >= 0) {
            // never committed: the session holds the locks to its end
            Arrays.fill(end, open, statements.size(), statements.size());
        }
        return end;
    }

    // ---- after: the plan ----

    private static void after(Plan plan, Map<String, List<StatementResult>> results, Map<String, Builder> tables) {
        for (Plan.Placed placed : plan.steps()) {
            String lockTimeout = plan.lockTimeoutFor(placed.step());
            if (placed.step() instanceof Backfill b) {
                backfill(b, results, tables);
                continue;
            }
            for (Action a : placed.step().forward()) {
                for (StatementResult r : results.getOrDefault(a.id(), List.of())) {
                    Command command = commandOf(r.sql());
                    for (TableEffect e : r.tables()) {
                        if (!e.preexisting()) {
                            continue;
                        }
                        String what = work(command, r, e, false);
                        if (e.lock().blocksWrites()) {
                            what += ", lock_timeout " + lockTimeout;
                        } else if (e.rewrite() || e.scan()) {
                            what += ": " + (e.lock().blocksLockingReads() ? "reads go on" : "reads and writes go on");
                        }
                        builder(tables, e).addAfter(new LockHold(e.lock(), ownSeconds(r, e), false, what, 1));
                    }
                }
            }
        }
    }

    /** A backfill's batches each lock their rows in a short transaction of their own: one hold for them all. */
    private static void backfill(Backfill b, Map<String, List<StatementResult>> results, Map<String, Builder> tables) {
        for (Action a : b.forward()) {
            for (StatementResult r : results.getOrDefault(a.id(), List.of())) {
                for (TableEffect e : r.tables()) {
                    if (!e.preexisting()) {
                        continue;
                    }
                    int batch = b.batchRows() != null ? b.batchRows() : Backfill.DEFAULT_BATCH_ROWS;
                    long rows = e.relation().size().rows();
                    String batches = rows > 0 ? " (~" + String.format(Locale.ROOT, "%,d", (rows + batch - 1) / batch)
                            + " batches)" : "";
                    builder(tables, e).addAfter(new LockHold(e.lock(), 0, false,
                            "backfill in batches of " + String.format(Locale.ROOT, "%,d", batch) + " rows" + batches
                                    + ", each its own transaction: row locks on one batch at a time", 1));
                }
            }
        }
    }

    // ---- the work under a lock ----

    /** How long this statement itself holds its lock on the table: 0 without work, NaN with unsized work. */
    private static double ownSeconds(StatementResult r, TableEffect e) {
        if (!(e.rewrite() || e.scan())) {
            return 0;
        }
        return r.estimateFor(e.name()).map(DurationEstimate::seconds).orElse(Double.NaN);
    }

    /** How long a statement runs: its work on every table that existed before, NaN when some is unsized. */
    private static double statementSeconds(StatementResult r) {
        double total = 0;
        for (TableEffect e : r.tables()) {
            if (e.preexisting()) {
                total += ownSeconds(r, e);
            }
        }
        return total;
    }

    /** The work a later statement of the same transaction does ("index build of articles_article"). */
    private static List<String> workWords(StatementResult r) {
        Command command = commandOf(r.sql());
        List<String> out = new ArrayList<>();
        for (TableEffect e : r.tables()) {
            if (e.preexisting() && (e.rewrite() || e.scan())) {
                out.add(kind(command, e, changesEveryRow(command, e)) + " of " + e.name());
            }
        }
        return out;
    }

    private static String work(Command command, StatementResult r, TableEffect e, boolean rowLocks) {
        if (!(e.rewrite() || e.scan())) {
            return "metadata only";
        }
        Optional<DurationEstimate> estimate = r.estimateFor(e.name());
        long rows = e.relation().size().rows();
        String size = estimate.map(DurationEstimate::workSize)
                .orElse(rows >= 0 ? Bytes.rows(rows) + " rows" : "every row");
        String what = kind(command, e, rowLocks) + " of " + size;
        if (rowLocks) {
            what += " in one transaction: row locks on each row it changes until it commits";
        }
        return what;
    }

    private static String kind(Command command, TableEffect e, boolean rowChanges) {
        if (e.rewrite()) {
            return "rewrite";
        }
        if (command instanceof Command.CreateIndex ci) {
            return ci.concurrently() ? "concurrent index build" : "index build";
        }
        if (rowChanges) {
            return command instanceof Command.Delete ? "DELETE" : "UPDATE";
        }
        return "scan";
    }

    private static Command commandOf(String sql) {
        List<Statement> statements = Splitter.split(sql, new ArrayList<>());
        return statements.isEmpty() ? null : CommandParser.parse(statements.get(0));
    }

    private static final class Builder {
        final String table;
        final long rows;
        final List<LockHold> before = new ArrayList<>();
        final List<LockHold> after = new ArrayList<>();

        Builder(String table, long rows) {
            this.table = table;
            this.rows = rows;
        }

        void addBefore(LockHold hold) {
            add(before, hold);
        }

        void addAfter(LockHold hold) {
            add(after, hold);
        }

        /** The same hold again (three metadata-only ALTERs) is one line with a count. */
        private static void add(List<LockHold> holds, LockHold hold) {
            for (int i = 0; i < holds.size(); i++) {
                LockHold h = holds.get(i);
                if (h.lock() == hold.lock() && h.rowLocks() == hold.rowLocks() && h.what().equals(hold.what())
                        && Double.compare(h.seconds(), hold.seconds()) == 0) {
                    holds.set(i, new LockHold(h.lock(), h.seconds(), h.rowLocks(), h.what(), h.times() + hold.times()));
                    return;
                }
            }
            holds.add(hold);
        }
    }
}

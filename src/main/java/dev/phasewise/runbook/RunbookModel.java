package dev.phasewise.runbook;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a runbook prints, worked out once from a plan, its analysis, the target and an
 * optional rehearsal: the writers (HTML, Markdown, PDF) only lay it out, and a print preview can
 * bind to it too.
 */
public record RunbookModel(Plan plan, Target target, Rehearsal rehearsal, Limits limits, List<PhaseView> phases,
                           List<String> signOffRoles) {

    public static final List<String> DEFAULT_SIGN_OFF = List.of("DBA", "Developer", "Release manager");

    /** The thresholds of the abort criteria. */
    public record Limits(int lockTimeoutFailures, double replicaLagSeconds, double backfillRateFraction,
                         double overrunFactor) {
        public static final Limits DEFAULT = new Limits(3, 10, 0.5, 3);
    }

    public record PhaseView(Phase phase, List<StepView> steps, Gate gate) {
        public String anchor() {
            return "phase-" + phase.label();
        }

        public String title() {
            return phase.label().substring(0, 1).toUpperCase(Locale.ROOT) + phase.label().substring(1);
        }
    }

    /** One forward action with the analysis of its statements. */
    public record ActionView(Action action, List<StatementResult> results) {
        public List<TableEffect> tables() {
            return results.stream().flatMap(r -> r.tables().stream()).toList();
        }

        public List<Finding> findings() {
            return results.stream().flatMap(r -> r.findings().stream()).toList();
        }
    }

    /** A pre-check: what to confirm, and the query that shows it (or null). */
    public record PreCheck(String text, String sql) {
    }

    public record StepView(int number, Phase phase, Step step, List<ActionView> actions, Optional<TableEffect> strongest,
                           String expected, List<String> lockImpact, List<PreCheck> preChecks, List<String> abort,
                           Optional<StepTiming> timing, List<String> timingNotes) {
        public String anchor() {
            return "step-" + number;
        }

        public Rollback rollback() {
            return step.rollback();
        }

        public List<Check> verify() {
            return step.verify();
        }

        public boolean rewrite() {
            return actions.stream().flatMap(a -> a.tables().stream()).anyMatch(TableEffect::rewrite);
        }

        public boolean scan() {
            return actions.stream().flatMap(a -> a.tables().stream()).anyMatch(TableEffect::scan);
        }

        /** "yes", "no", or "partly" when some actions must run outside a transaction block. */
        public String transactional() {
            long outside = actions.stream().filter(a -> !a.action().transactional()).count();
            return outside == 0 ? "yes" : outside == actions.size() ? "no" : "partly";
        }

        public String lockName() {
            return strongest.map(t -> t.lock().pgName()).orElse("none");
        }

        public String lockTable() {
            return strongest.map(TableEffect::name).orElse("");
        }

        public String rewriteScan() {
            return rewrite() ? "rewrite" : scan() ? "scan" : "no";
        }

        public List<Finding> findings() {
            return actions.stream().flatMap(a -> a.findings().stream()).distinct().toList();
        }
    }

    public List<StepView> steps() {
        return phases.stream().flatMap(p -> p.steps().stream()).toList();
    }

    /** Builds the model; the analysis maps action ids to their statements' results. */
    public static RunbookModel build(Plan plan, Map<String, List<StatementResult>> analysis, Target target,
                                     Rehearsal rehearsal, Limits limits) {
        Target t = target == null ? Target.UNKNOWN : target;
        Limits l = limits == null ? Limits.DEFAULT : limits;
        List<PhaseView> phases = new ArrayList<>();
        int n = 0;
        for (Phase phase : Phase.inOrder()) {
            List<StepView> steps = new ArrayList<>();
            for (Step s : plan.phase(phase).steps()) {
                steps.add(step(++n, phase, s, plan, analysis, t, rehearsal, l));
            }
            phases.add(new PhaseView(phase, steps, plan.phase(phase).gate()));
        }
        return new RunbookModel(plan, t, rehearsal, l, phases, DEFAULT_SIGN_OFF);
    }

    private static StepView step(int n, Phase phase, Step s, Plan plan, Map<String, List<StatementResult>> analysis,
                                 Target target, Rehearsal rehearsal, Limits limits) {
        List<ActionView> actions = new ArrayList<>();
        for (Action a : s.forward()) {
            actions.add(new ActionView(a, analysis.getOrDefault(a.id(), List.of())));
        }
        Optional<TableEffect> strongest = actions.stream().flatMap(a -> a.tables().stream())
                .reduce((x, y) -> y.lock().strongerThan(x.lock()) ? y : x);
        String table = strongest.map(TableEffect::name).orElse(null);
        // a batched delete runs on the backfill's engine: the same timings, rate and abort criteria
        boolean backfill = s instanceof BatchedStep;
        String batched = s instanceof BatchedDelete ? "batched delete" : "backfill";
        boolean heavy = backfill || actions.stream().flatMap(a -> a.tables().stream())
                .anyMatch(e -> e.rewrite() || e.scan()) || actions.stream().anyMatch(a -> a.action().sql()
                .toUpperCase(Locale.ROOT).contains("CREATE") && a.action().sql().toUpperCase(
                Locale.ROOT).contains("INDEX"));
        Optional<StepTiming> timing = rehearsal == null ? Optional.empty() : rehearsal.step(s.id());

        // the scale from rehearsal to target, for the step's table
        Double scale = null;
        Long stagingRows = null;
        Long targetRows = null;
        if (rehearsal != null && table != null) {
            stagingRows = rows(rehearsal.tableRows(), table);
            targetRows = rows(target.tableRows(), table);
            if (stagingRows != null && targetRows != null && stagingRows > 0) {
                scale = targetRows / (double) stagingRows;
            }
        }

        List<String> notes = new ArrayList<>();
        String expected;
        List<DurationEstimate> estimates = actions.stream().flatMap(a -> a.results().stream())
                .flatMap(r -> r.estimates().stream()).toList();
        if (timing.isPresent()) {
            double measured = timing.get().durationMs() / 1000.0;
            if (heavy && scale != null) {
                expected = "~" + Words.duration(measured * scale) + " (rehearsal " + Words.duration(measured) + " × "
                        + Words.ratio(scale) + ")";
            } else {
                expected = "~" + Words.duration(measured) + " (rehearsal)";
            }
        } else if (!estimates.isEmpty()) {
            expected = "~" + Words.duration(estimates.stream().mapToDouble(DurationEstimate::seconds).sum())
                    + " (estimate)";
        } else if (!heavy) {
            expected = "milliseconds (catalog only)";
        } else if (backfill) {
            expected = "grows with the rows to " + (s instanceof BatchedDelete ? "delete" : "change");
        } else {
            expected = "grows with the table's size";
        }
        if (timing.isPresent()) {
            StepTiming st = timing.get();
            String base = (rehearsal.database() == null ? "On the rehearsal" : "On " + rehearsal.database()) + ": "
                    + st.status() + " in " + Words.millis(st.durationMs())
                    + (st.retries() > 0 ? ", " + st.retries() + (st.retries() == 1 ? " retry" : " retries") : "")
                    + (st.lockWaits() > 0 ? ", " + st.lockWaits() + " lock wait" + (st.lockWaits() == 1 ? "" : "s")
                    + " beyond lock_timeout" : "") + ".";
            notes.add(base);
            if (st.error() != null) {
                notes.add("Last error: " + st.error());
            }
            BackfillTiming b = st.backfill();
            if (b != null) {
                notes.add((s instanceof BatchedDelete ? "Batched delete" : "Backfill") + ": " + Words.count(b.rows()) + " rows"
                        + (b.batches() > 0 ? " in " + Words.count(b.batches()) + (b.batches() == 1 ? " batch" : " batches")
                        : "") + ", " + Words.millis(b.durationMs()) + " at " + Words.rate(b.rowsPerSecond())
                        + ", " + b.retries() + " batch " + (b.retries() == 1 ? "retry" : "retries")
                        + (b.batchP99Ms() == null ? "" : ", batch p99 " + b.batchP99Ms() + " ms") + ".");
                // two rates that measure different things (issue 13): each says which
                notes.add("Rates: " + Words.rate(b.rowsPerSecond()) + " over the step's wall time (start-up and waits"
                        + " included)" + (b.runningRowsPerSecond() == null ? "" : "; "
                        + Words.rate(b.runningRowsPerSecond()) + " while batches ran (the run's progress shows"
                        + " this rate, over its last 10 s)")
                        + ".");
            }
            if (heavy && table != null) {
                if (scale != null) {
                    notes.add("Production has " + Words.ratio(scale) + " the rehearsal's rows of " + table + " ("
                            + Words.count(targetRows) + " vs " + Words.count(stagingRows) + ") → expect ~"
                            + Words.duration(st.durationMs() / 1000.0 * scale) + ".");
                } else if (stagingRows != null) {
                    notes.add("The rehearsal's " + table + " held " + Words.count(stagingRows) + " rows; scale by "
                            + "production's row count (" + Words.duration(st.durationMs() / 1000.0
                            / Math.max(1, stagingRows) * 1_000_000) + " per million rows).");
                }
            }
        }

        // lock impact, per action and table
        List<String> impact = new ArrayList<>();
        for (ActionView a : actions) {
            for (TableEffect e : a.tables()) {
                String until = backfill ? "until each batch commits (milliseconds per batch)"
                        : a.action().transactional() ? "until commit" : "while it runs (no transaction block)";
                impact.add(e.lock().pgName() + " on " + e.name() + " " + until + ": " + e.lock().effectOn(e.name())
                        + (e.rewrite() ? "; rewrites the table" : e.scan() ? "; scans the whole table" : "") + ".");
            }
        }
        impact = List.copyOf(new LinkedHashSet<>(impact));
        if (impact.isEmpty()) {
            impact = List.of("Takes no lock on an existing table.");
        }

        List<PreCheck> pre = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        actions.forEach(a -> a.tables().forEach(e -> tables.add(e.name())));
        for (String tb : tables) {
            pre.add(new PreCheck("No transaction older than a minute holds a lock on " + tb + " (it would queue "
                    + "this step, and the application behind it)",
                    "SELECT a.pid, now() - a.xact_start AS age, a.state, left(a.query, 60) AS query\n"
                            + "FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid\n"
                            + "WHERE l.relation = " + Sql.literal(tb)
                            + "::regclass AND a.xact_start < now() - interval '1 minute';"));
        }
        pre.add(new PreCheck("The session runs with lock_timeout " + plan.lockTimeout()
                + ("0".equals(plan.statementTimeout()) ? "" : " and statement_timeout " + plan.statementTimeout()),
                "SET lock_timeout = " + Sql.literal(plan.lockTimeout()) + ";"
                        + ("0".equals(plan.statementTimeout()) ? "" : "\nSET statement_timeout = "
                        + Sql.literal(plan.statementTimeout()) + ";")));
        pre.add(new PreCheck("Replica lag is below " + Words.duration(limits.replicaLagSeconds()),
                "SELECT application_name, replay_lag FROM pg_stat_replication;"));

        List<String> abort = new ArrayList<>();
        if (!tables.isEmpty()) {
            abort.add("The lock is not granted within lock_timeout (" + plan.lockTimeout() + ") "
                    + limits.lockTimeoutFailures() + " times in a row: stop, find the blocker with the pre-check "
                    + "query; do not raise lock_timeout.");
        }
        if (backfill) {
            String floor;
            Optional<BackfillTiming> bt = timing.map(StepTiming::backfill);
            if (bt.isPresent()) {
                floor = Words.rate(bt.get().liveRowsPerSecond() * limits.backfillRateFraction()) + " ("
                        + Math.round(limits.backfillRateFraction() * 100) + " % of the rehearsal's "
                        + Words.rate(bt.get().liveRowsPerSecond())
                        + (bt.get().runningRowsPerSecond() == null ? "" : " while batches ran") + ")";
            } else {
                floor = Math.round(limits.backfillRateFraction() * 100) + " % of the rate of its first minute";
            }
            abort.add("The " + batched + " runs slower than " + floor + " for more than a minute: pause it and look for "
                    + "lock waits and I/O saturation.");
            abort.add("Replica lag beyond " + Words.duration(limits.replicaLagSeconds())
                    + ": pause the " + batched + "; abort if it does not recover within 5 min.");
        } else {
            abort.add("Replica lag beyond " + Words.duration(limits.replicaLagSeconds()) + " after the step.");
        }
        if (timing.isPresent() && heavy) {
            double exp = timing.get().durationMs() / 1000.0 * (scale == null ? 1 : scale);
            abort.add("The step runs longer than " + Words.duration(exp * limits.overrunFactor()) + " ("
                    + Words.ratio(limits.overrunFactor()) + " the expected time).");
        }
        if (actions.stream().anyMatch(a -> a.action().sql().contains("INDEX CONCURRENTLY")
                && a.action().sql().startsWith("CREATE"))) {
            abort.add("CREATE INDEX CONCURRENTLY fails: it leaves an INVALID index; run the rollback before retrying.");
        }
        if (!s.verify().isEmpty()) {
            abort.add("A verification query returns false: stop; do not pass the next deploy gate.");
        }
        return new StepView(n, phase, s, actions, strongest, expected, impact, pre, abort, timing, notes);
    }

    /** Row count of a table, matching with or without the {@code public.} schema. */
    private static Long rows(Map<String, Long> counts, String table) {
        String bare = table.startsWith("public.") ? table.substring(7) : table;
        Long r = counts.get(table);
        if (r == null) {
            r = counts.get(bare);
        }
        if (r == null) {
            r = counts.get("public." + bare);
        }
        return r;
    }
}

package dev.phasewise.run;

import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.BatchedStep;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The simplest correct backfill: the step's batch statement once, over the whole key range
 * ({@code $1} = min(key) - 1, {@code $2} = max(key)), in one transaction with the plan's lock_timeout
 * and statement_timeout. Meant for small tables (tests, rehearsals on a few thousand rows): on a large
 * table it holds every updated row's lock until it commits, which is exactly what the batched executor
 * of {@code dev.phasewise.run.backfill} avoids. Safe to run again: a crash rolls the whole statement back,
 * and the step's filter (e.g. {@code summary IS NULL}) skips rows already done. Cancel cancels the
 * statement (the transaction rolls back; nothing is half done).
 */
public final class SingleStatementBackfill implements BackfillRunner {

    @Override
    public StepOutcome run(RunContext ctx, BatchedStep step, Consumer<RunEvent> events) {
        String key = Sql.id(step.keyColumn());
        String table = Sql.table(step.table());
        String batch = step.batchSql();
        String range = key + " > $1 AND " + key + " <= $2";
        if (!batch.contains(range)) {
            return StepOutcome.failed(null, "unexpected batch statement shape: " + batch);
        }
        try (Connection c = ctx.database().newSession()) {
            c.setAutoCommit(false);
            Object lo;
            Object hi;
            long estimate;
            try (Statement st = c.createStatement()) {
                WatchedStatement.setLocalTimeouts(st, ctx.plan().lockTimeoutFor(step.asStep()),
                        ctx.plan().statementTimeoutFor(step.asStep()));
                try (ResultSet rs = st.executeQuery("SELECT min(" + key + "), max(" + key + "), count(*) FROM " + table)) {
                    rs.next();
                    lo = rs.getObject(1);
                    hi = rs.getObject(2);
                    estimate = rs.getLong(3);
                }
            }
            Instant start = Instant.now();
            events.accept(new RunEvent.BackfillProgress(ctx.runId(), start, step.id(), 0, estimate, Double.NaN, null,
                    (int) Math.min(Integer.MAX_VALUE, estimate), null, null, 0, "running"));
            if (lo == null) {
                c.commit();
                events.accept(new RunEvent.BackfillProgress(ctx.runId(), Instant.now(), step.id(), 0, 0, 0, Duration.ZERO,
                        0, Duration.ZERO, Duration.ZERO, 0, "done", null, null, 0));
                return StepOutcome.done(0);
            }
            String sql;
            if (lo instanceof Number && !(lo instanceof BigDecimal bd && bd.scale() > 0)) {
                sql = batch.replace(range, key + " > ? AND " + key + " <= ?");
            } else {
                // not an integer key: min - 1 has no meaning, so the lower bound is inclusive
                sql = batch.replace(range, key + " >= ? AND " + key + " <= ?");
            }
            int rows;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (lo instanceof Number n && sql.contains(" > ?")) {
                    ps.setLong(1, n.longValue() - 1);
                    ps.setLong(2, ((Number) hi).longValue());
                } else {
                    ps.setObject(1, lo);
                    ps.setObject(2, hi);
                }
                ctx.control().running(ps);
                try {
                    if (ctx.control().cancelled()) {
                        c.rollback();
                        return StepOutcome.cancelled(0);
                    }
                    rows = ps.executeUpdate();
                } finally {
                    ctx.control().running(null);
                }
            }
            c.commit();
            Duration took = Duration.between(start, Instant.now());
            double perSecond = took.toMillis() == 0 ? rows : rows * 1000.0 / took.toMillis();
            events.accept(new RunEvent.BackfillProgress(ctx.runId(), Instant.now(), step.id(), rows, rows, perSecond,
                    Duration.ZERO, rows, took, took, 0, "done", took, null, 1)); // the one statement: one batch
            return StepOutcome.done(rows);
        } catch (SQLException e) {
            if (ctx.control().cancelled() && "57014".equals(e.getSQLState())) {
                return StepOutcome.cancelled(0);
            }
            return StepOutcome.failed(e.getSQLState(), SqlFailures.message(e));
        } catch (RuntimeException e) {
            return StepOutcome.failed(null, e.getMessage());
        }
    }
}

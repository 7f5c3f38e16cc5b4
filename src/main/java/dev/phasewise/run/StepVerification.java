package dev.phasewise.run;

import dev.phasewise.db.DatabaseException;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A step's verification: every step ends with its verification queries, and a run never reports
 * success it did not verify (design §6). Records the result in the run store, emits StepVerified or
 * StepFailed, then StepFinished.
 */
final class StepVerification {
    private final RunStore store;
    private final RunOptions options;
    private final Random random;
    private final Consumer<RunEvent> emit;

    StepVerification(RunStore store, RunOptions options, Random random, Consumer<RunEvent> emit) {
        this.store = store;
        this.options = options;
        this.random = random;
        this.emit = emit;
    }

    private List<String> runChecks(Execution x, Step step) throws SQLException {
        List<String> failed = new ArrayList<>();
        Connection c = x.work();
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = " + Sql.literal(x.plan.statementTimeoutFor(step)));
            for (Check check : step.verify()) {
                try (ResultSet rs = st.executeQuery(check.sql())) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        failed.add(check.description());
                    }
                }
            }
            st.execute("RESET statement_timeout");
        }
        return failed;
    }

    /** Whether the step's verification passes now; any failure counts as not passing (a resumed step). */
    boolean quietly(Execution x, Step step) {
        try {
            return runChecks(x, step).isEmpty();
        } catch (SQLException | DatabaseException e) {
            x.dropWork();
            return false;
        }
    }

    /**
     * Runs the step's verification queries, retrying transient failures as the runner retries actions,
     * records the result and finishes the step; a query that fails or returns false stops the run.
     */
    void verify(Execution x, Step step, Instant start) throws RunStop {
        if (step.verify().isEmpty()) {
            store.stepVerified(x.runId, step.id(), null, "no verification query");
            emit.accept(new RunEvent.StepVerified(x.runId, Instant.now(), step.id(), false, "no verification query"));
            finish(x, step, start, false, false);
            return;
        }
        List<String> failed = null;
        SQLException last = null;
        for (int i = 1; i <= options.maxAttempts() && failed == null; i++) {
            try {
                failed = runChecks(x, step);
            } catch (SQLException e) {
                last = e;
                x.dropWork();
                if (SqlFailures.classify(e) == SqlFailureClass.FATAL) {
                    break;
                }
                RunStore.sleep(options.backoff(i, random).toMillis());
            }
        }
        if (failed == null) {
            String why = "verification query failed: " + (last == null ? "?" : SqlFailures.message(last));
            store.stepVerified(x.runId, step.id(), false, why);
            emit.accept(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), null, null,
                    last == null ? null : last.getSQLState(), why, false));
            throw new RunStop(RunStatus.FAILED, "step " + step.id() + ": " + why);
        }
        if (!failed.isEmpty()) {
            String why = "verification returned false: " + String.join("; ", failed);
            store.stepVerified(x.runId, step.id(), false, why);
            emit.accept(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), null, null, null, why, false));
            throw new RunStop(RunStatus.FAILED, "step " + step.id() + ": " + why);
        }
        finishVerified(x, step, start, false);
    }

    /** Records a passed verification and finishes the step. */
    void finishVerified(Execution x, Step step, Instant start, boolean skipped) {
        String result = step.verify().size() + " of " + step.verify().size() + " verification queries true: "
                + String.join("; ", step.verify().stream().map(Check::description).toList());
        store.stepVerified(x.runId, step.id(), true, result);
        emit.accept(new RunEvent.StepVerified(x.runId, Instant.now(), step.id(), true, result));
        finish(x, step, start, true, skipped);
    }

    private void finish(Execution x, Step step, Instant start, boolean verified, boolean skipped) {
        int attempts = store.actions(x.runId).stream().filter(r -> r.stepId().equals(step.id()))
                .mapToInt(ActionRecord::attempts).max().orElse(0);
        emit.accept(new RunEvent.StepFinished(x.runId, Instant.now(), step.id(), Duration.between(start, Instant.now()),
                attempts, verified, skipped));
    }
}

package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.steps.Step;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attempts of one action on PostgreSQL 17, without the runner around them: which failures are retried,
 * how many times, what the run store and the events say about each attempt.
 */
class ActionAttemptsIT {
    private static final String ADD_COLUMN = """
            version: 1
            name: add teaser
            phases:
              expand:
                steps:
                  - kind: add-column
                    table: articles_article
                    column: teaser
                    type: text
                    lock_timeout: 300ms
            """;

    private static final String DIVIDE_BY_ZERO = """
            version: 1
            name: boom
            phases:
              expand:
                steps:
                  - kind: raw-sql
                    id: boom
                    sql: SELECT 1 / 0
                    verify_sql: SELECT true
            """;

    private static final RunOptions FAST = RunOptions.defaults().withBackoff(Duration.ofMillis(50),
            Duration.ofMillis(100));

    /** A run of the plan's only step written to the store, as the runner writes it, and what attempting it needs. */
    private record Attempting(Database db, RunStore store, Plan plan, String runId, Step step, Action action) {
        ActionRecord row() {
            return store.actions(runId).get(0);
        }

        /** Attempts the action with these options; the events go to {@code events}. */
        void run(RunOptions options, Consumer<RunEvent> events) throws RunStop {
            try (Execution x = new Execution(db, options.reconnectPatience(), plan, runId, new RunControl())) {
                new ActionAttempts(db, store, options, new Random(7), new SingleStatementBackfill(), events)
                        .run(x, Phase.EXPAND, step, action, row());
            }
        }
    }

    private static Attempting attempting(Database db, String yaml) throws Exception {
        Plan plan = PlanFiles.parse("test.plan.yaml", yaml);
        Step step = plan.steps().get(0).step();
        Action action = step.forward().get(0);
        RunStore store = new RunStore(db, Duration.ofSeconds(10));
        store.ensureSchema();
        String runId = UUID.randomUUID().toString();
        store.createRun(RunRecord.startingHere(runId, plan.name(), PlanFingerprint.of(plan), null),
                List.of(new ActionRecord(1, Phase.EXPAND, step.id(), action.id(), action.sql(), action.transactional(),
                        StepStatus.PENDING, 0, null, null, null, null, null, null)));
        return new Attempting(db, store, plan, runId, step, action);
    }

    private static <T extends RunEvent> List<T> all(List<RunEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Holds ACCESS SHARE on articles_article until committed: an ALTER TABLE waits for it, then times out. */
    private static Connection blocker(String database) throws Exception {
        Connection c = RunnerFixture.connect(database);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT count(*) FROM articles_article").close();
        }
        return c;
    }

    @Test
    void aLockTimeoutIsRetriedAndTheSecondAttemptSucceedsOnceTheBlockerLetsGo() throws Exception {
        String name = RunnerFixture.database("attempts_lock_retry", false, 10);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name); Connection blocker = blocker(name)) {
            Attempting a = attempting(db, ADD_COLUMN);
            a.run(FAST.withMaxAttempts(5), e -> {
                events.add(e);
                if (e instanceof RunEvent.StepRetrying) {
                    try {
                        blocker.commit(); // lets go during the back-off: the next attempt gets the lock
                    } catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            });

            List<RunEvent.StepRetrying> retries = all(events, RunEvent.StepRetrying.class);
            assertEquals(1, retries.size(), events.toString());
            assertTrue(retries.get(0).reason().startsWith(SqlFailures.LOCK_TIMEOUT_REASON), retries.get(0).reason());
            assertEquals(List.of(1, 2), all(events, RunEvent.StepStarted.class).stream()
                    .map(RunEvent.StepStarted::attempt).toList());
            assertEquals(List.of(), all(events, RunEvent.StepFailed.class));
            ActionRecord row = a.row();
            assertEquals(StepStatus.DONE, row.status());
            assertEquals(2, row.attempts());
            assertEquals("1", RunnerFixture.one(name, "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'articles_article' AND column_name = 'teaser'"));
        }
    }

    @Test
    void aLockThatIsNeverGrantedIsGivenUpOnAfterMaxAttempts() throws Exception {
        String name = RunnerFixture.database("attempts_lock_give_up", false, 10);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name); Connection blocker = blocker(name)) {
            Attempting a = attempting(db, ADD_COLUMN);
            RunStop stop = assertThrows(RunStop.class, () -> a.run(FAST.withMaxAttempts(3), events::add));

            assertEquals(RunStatus.FAILED, stop.status);
            assertTrue(stop.getMessage().startsWith("step " + a.step().id() + " failed at " + a.action().id()
                    + ": gave up after 3 attempts: " + SqlFailures.LOCK_TIMEOUT_REASON), stop.getMessage());
            assertEquals(2, all(events, RunEvent.StepRetrying.class).size(), events.toString());
            assertEquals(List.of(1, 2, 3), all(events, RunEvent.StepStarted.class).stream()
                    .map(RunEvent.StepStarted::attempt).toList());
            RunEvent.StepFailed failed = all(events, RunEvent.StepFailed.class).get(0);
            assertEquals("55P03", failed.sqlState());
            ActionRecord row = a.row();
            assertEquals(StepStatus.FAILED, row.status());
            assertEquals(3, row.attempts());
            assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'articles_article' AND column_name = 'teaser'"));
            blocker.rollback();
        }
    }

    @Test
    void aFailureThatRunningAgainCannotCureIsNotRetried() throws Exception {
        String name = RunnerFixture.database("attempts_fatal", false, 10);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            Attempting a = attempting(db, DIVIDE_BY_ZERO);
            RunStop stop = assertThrows(RunStop.class, () -> a.run(FAST.withMaxAttempts(5), events::add));

            assertEquals(RunStatus.FAILED, stop.status);
            assertTrue(stop.getMessage().startsWith("step boom failed at " + a.action().id() + ": division by zero"),
                    stop.getMessage());
            assertTrue(stop.getMessage().contains("\n  SQL: SELECT 1 / 0"), stop.getMessage());
            assertEquals(List.of(), all(events, RunEvent.StepRetrying.class));
            assertEquals(1, all(events, RunEvent.StepStarted.class).size(), events.toString());
            RunEvent.StepFailed failed = all(events, RunEvent.StepFailed.class).get(0);
            assertEquals("22012", failed.sqlState());
            ActionRecord row = a.row();
            assertEquals(StepStatus.FAILED, row.status());
            assertEquals(1, row.attempts());
            assertEquals("division by zero", row.error());
        }
    }

    @Test
    void theAttemptsOfAResumedActionCountOnFromItsRow() throws Exception {
        String name = RunnerFixture.database("attempts_resumed", false, 10);
        List<RunEvent> events = new ArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            Attempting a = attempting(db, DIVIDE_BY_ZERO);
            a.store().actionRunning(a.runId(), 1, 2); // two attempts by an earlier runner
            a.store().actionEnded(a.runId(), 1, StepStatus.PENDING, "attempt 2: connection lost");
            assertThrows(RunStop.class, () -> a.run(FAST, events::add));

            assertEquals(List.of(3), all(events, RunEvent.StepStarted.class).stream()
                    .map(RunEvent.StepStarted::attempt).toList());
            assertEquals(3, a.row().attempts());
        }
    }
}

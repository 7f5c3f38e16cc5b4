package dev.phasewise.ui.app;

import dev.phasewise.db.Database;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.RunStore;
import dev.phasewise.run.Runner;
import dev.phasewise.run.RunnerFixture;
import dev.phasewise.run.SingleStatementBackfill;
import dev.phasewise.ui.HandTimer;
import dev.phasewise.ui.ImmediateWork;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.window.MainViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window opened after its run was killed offers that run to Resume (design §6: kill the app
 * mid-run, start it again, and the run continues). Plain JUnit against PostgreSQL 17: the view
 * model's work runs on the test's thread.
 */
class StoppedRunOfferIT {
    private static final Path SAMPLE = Path.of("migrations-samples", Documents.DEFAULT_SAMPLE).toAbsolutePath();

    /** Starts a run of the sample whose runner dies in its first step, as a killed window's would. */
    private static String interruptedRun(Database d) {
        Runner dying = new Runner(d, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                e -> {
                    if (e instanceof RunEvent.StepStarted) {
                        throw new IllegalStateException("the window is killed here");
                    }
                });
        assertThrows(IllegalStateException.class, () -> dying.start(SAMPLE, new RunControl()));
        return new RunStore(d, Duration.ofSeconds(5)).runs().get(0).runId();
    }

    private static MainViewModel windowConnectedTo(String db) throws Exception {
        MainViewModel vm = new MainViewModel(new ImmediateWork(), HandTimer.factory(t -> { }));
        vm.openSample(Documents.DEFAULT_SAMPLE);
        vm.connected(ConnectedDatabase.open("staging", RunnerFixture.settings(db), false, null));
        return vm;
    }

    @Test
    void theLatestStoppedRunOfThisPlanBecomesResumesRun() throws Exception {
        String db = RunnerFixture.database("ui_stopped_run", true, 50);
        String runId;
        try (Database d = RunnerFixture.open(db)) {
            runId = interruptedRun(d);
            assertEquals(RunStatus.INTERRUPTED, new RunStore(d, Duration.ofSeconds(5)).run(runId).orElseThrow().status());
        }
        MainViewModel vm = windowConnectedTo(db);
        try {
            assertEquals(runId, vm.runs().runState().resumable().get());
            assertTrue(vm.statusProperty().get().startsWith("Run " + runId + " of this plan is interrupted"),
                    vm.statusProperty().get());
            vm.openSample("pg-trgm-extension.plan.yaml");
            assertNull(vm.runs().runState().resumable().get(), "another plan has no run to resume");
        } finally {
            vm.disconnect();
        }
    }

    @Test
    void nothingIsOfferedOnADatabaseWithoutPhasewiseRuns() throws Exception {
        String db = RunnerFixture.database("ui_no_runs", true, 50);
        MainViewModel vm = windowConnectedTo(db);
        try {
            assertNull(vm.runs().runState().resumable().get());
        } finally {
            vm.disconnect();
        }
    }
}

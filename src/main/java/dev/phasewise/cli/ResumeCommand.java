package dev.phasewise.cli;

import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanException;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunException;
import dev.phasewise.run.RunRecord;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code phasewise resume RUN_ID --url URL [--plan PLAN]}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume a run that crashed, failed, was cancelled or stopped at a gate: done steps are skipped, "
                + "the interrupted step is verified and retried if needed. The plan must be unchanged.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step done and verified", "1:the run failed, was cancelled or stopped at a gate",
                "2:usage, connection, refused, unknown run or changed plan"})
final class ResumeCommand extends RunningCommand {
    @Parameters(paramLabel = "RUN_ID", description = "The run's id (see 'phasewise runs')")
    String runId;

    @Option(names = "--plan", paramLabel = "PLAN", description = "The plan file (default: the path the run recorded)")
    Path plan;

    @Override
    RunResult go(Runner runner, RunControl control, PrintWriter err) {
        Path file = plan;
        if (file == null) {
            RunRecord run = runner.store().run(runId).orElseThrow(() -> new RunException(RunException.Reason.UNKNOWN_RUN,
                    "no run " + runId + " in this database (see 'phasewise runs')"));
            if (run.planFile() == null || !Files.exists(Path.of(run.planFile()))) {
                throw new RunException(RunException.Reason.PLAN_INVALID, "the run's plan file " + run.planFile()
                        + " is not on this machine: give it with --plan");
            }
            file = Path.of(run.planFile());
        }
        Plan p;
        try {
            p = PlanFiles.read(file);
        } catch (PlanException e) {
            throw new RunException(RunException.Reason.PLAN_INVALID, e.problems());
        }
        return runner.resume(runId, p, file, control);
    }
}

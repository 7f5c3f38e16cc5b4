package dev.phasewise.cli;

import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code phasewise run PLAN --url URL}: runs a plan on a staging database. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a plan on a staging database: phases in order with lock_timeout, retries with back-off, "
                + "verification of every step, deploy gates; the state is kept in schema phasewise of the database "
                + "so that 'phasewise resume' can continue it from any machine.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step done and verified", "1:the run failed, was cancelled or stopped at a gate",
                "2:usage, connection, refused (not staging) or plan error; nothing was written"})
final class RunCommand extends RunningCommand {
    @Parameters(paramLabel = "PLAN", description = "The plan file (*.plan.yaml)")
    Path plan;

    @Override
    RunResult go(Runner runner, RunControl control, PrintWriter err) {
        return runner.start(plan, control);
    }
}

package dev.phasewise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The command line: {@code phasewise <command>}. Exit codes: 0 ok, 1 findings at --fail-on or above, 2 usage or input error. */
@Command(name = "phasewise", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Rehearse zero-downtime PostgreSQL migrations: lock analysis, plans, runbooks.",
        footer = {"", "With no command, or 'gui [FILE]', phasewise opens the desktop app (it needs a display)."},
        subcommands = {LintCommand.class, PlanCommand.class, ExplainCommand.class, TraceCommand.class,
                InspectCommand.class, RunCommand.class, ResumeCommand.class, RunsCommand.class,
                BackfillCommand.class, RunbookCommand.class, RulesCommand.class, ConnectCommand.class,
                MarkStagingCommand.class, ProfileCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int INPUT_ERROR = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("phasewise: " + ex.getMessage());
            return INPUT_ERROR;
        });
        return cl;
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"phasewise " + (v == null ? "dev" : v)};
        }
    }
}

package dev.phasewise.cli;

import dev.phasewise.analysis.PhasewiseVersion;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The command line: {@code phasewise <command>}. Exit codes: 0 ok, 1 findings at --fail-on or above, 2 usage or
 * input error. The top level is declared in code, not by annotations: it is built on every start
 * ({@link DeclaredOptions}).
 */
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int INPUT_ERROR = 2;

    /** The subcommands, in the order {@code --help} lists them. */
    static final List<String> COMMANDS = List.of("lint", "django", "convert", "plan", "explain", "trace", "inspect", "run", "resume",
            "runs", "backfill", "runbook", "rules", "connect", "mark-staging", "profile", "sandbox", "help");

    @Override
    public void run() {
        commandLine(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)).usage(System.out);
    }

    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args).execute(args);
    }

    /** The whole command line, every subcommand registered. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0]);
    }

    /**
     * The command line for these arguments. When they name a subcommand, only that one is registered:
     * picocli builds its model by reflection over every registered command, which loads their classes and
     * everything their fields and methods name (the database layer, Jackson databind, the runner). For
     * {@code phasewise lint} that was about 40 % of the classes loaded, a third of a one-statement lint's
     * start-up. {@code --version} alone registers none; help and unknown commands still see them all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = new CommandLine(spec(new Main()));
        String named = args.length > 0 && COMMANDS.contains(args[0]) && !"help".equals(args[0]) ? args[0] : null;
        // --version alone needs none of them: it took 0.6 s with all of them registered
        boolean versionOnly = args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
        for (String name : COMMANDS) {
            if (!versionOnly && (named == null || named.equals(name))) {
                cl.addSubcommand(name, newCommand(name));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("phasewise: " + ex.getMessage());
            return INPUT_ERROR;
        });
        return cl;
    }

    private static CommandSpec spec(Main main) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(main).name("phasewise").versionProvider(new Version());
        spec.usageMessage()
                .description("Rehearse zero-downtime PostgreSQL migrations: lock analysis, plans, runbooks.")
                .footer("", "With no command, or 'gui [FILE]', phasewise opens the desktop app (it needs a display).");
        DeclaredOptions.standardHelp(spec);
        return spec;
    }

    // a switch, not a table of constructor references: a class is loaded only when its branch runs
    private static Object newCommand(String name) {
        return switch (name) {
            case "lint" -> LintCommand.spec(new LintCommand());
            case "django" -> new DjangoCommand();
            case "convert" -> new ConvertCommand();
            case "plan" -> new PlanCommand();
            case "explain" -> new ExplainCommand();
            case "trace" -> new TraceCommand();
            case "inspect" -> new InspectCommand();
            case "run" -> new RunCommand();
            case "resume" -> new ResumeCommand();
            case "runs" -> new RunsCommand();
            case "backfill" -> new BackfillCommand();
            case "runbook" -> new RunbookCommand();
            case "rules" -> new RulesCommand();
            case "connect" -> new ConnectCommand();
            case "mark-staging" -> new MarkStagingCommand();
            case "profile" -> new ProfileCommand();
            case "sandbox" -> new SandboxCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** The version the build wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"phasewise " + PhasewiseVersion.get()};
        }
    }
}

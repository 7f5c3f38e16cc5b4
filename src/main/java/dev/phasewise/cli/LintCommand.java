package dev.phasewise.cli;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.MigrationFolder;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.output.Report;
import dev.phasewise.analysis.output.StatementSpill;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.SchemaModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code phasewise lint}: the contract of design §4. Declared in code ({@link #spec}), not by
 * annotations: CI runs it on every push, and a one-statement lint is mostly start-up
 * ({@link DeclaredOptions}).
 */
final class LintCommand implements Callable<Integer> {
    CommandSpec spec;
    List<String> files;
    final SchemaInputs schema = new SchemaInputs();
    ReportWriter.Format format;
    String failOn;
    Boolean assumeInTransaction;
    ReportWriter.Color color;
    boolean verbose;
    final ConnectionOptions connection = new ConnectionOptions();
    String changedSince;
    boolean estimate;

    /** The command's model, its options bound to {@code lint}'s fields. */
    static CommandSpec spec(LintCommand lint) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(lint).name("lint");
        lint.spec = spec;
        spec.usageMessage()
                .description("Analyse migration files: for every statement, the lock it takes on each existing table, "
                                + "whether it rewrites or scans it, and the risks with their safe rewrite.",
                        "Each FILE is one migration (its statements in order); '-' reads standard input.")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(DeclaredOptions.exitCodes("0:no finding at or above --fail-on", "1:findings at or above --fail-on",
                        "2:usage or input error (missing or unreadable file, syntax error)"));
        DeclaredOptions.standardHelp(spec);
        spec.addPositional(listOfStrings(lint).paramLabel("FILE").arity("1..*").required(true)
                .description("Migration files (.sql, Django sqlmigrate output, Flyway V1__x.sql), or a folder of "
                        + "them: Flyway, golang-migrate, dbmate, sqitch or numbered files, linted as a history in "
                        + "the tool's order").build());
        lint.schema.declareOn(spec);
        spec.addOption(DeclaredOptions.option(ReportWriter.Format.class, () -> lint.format, v -> lint.format = v,
                "--format").paramLabel("<format>").defaultValue("text")
                .description("text, json, sarif, github (workflow annotations), gitlab (Code Quality JSON) or rdjson "
                        + "(reviewdog) (default: ${DEFAULT-VALUE})").build());
        spec.addOption(DeclaredOptions.option(String.class, () -> lint.failOn, v -> lint.failOn = v, "--fail-on")
                .defaultValue("error").paramLabel("LEVEL")
                .description("Exit with 1 when a finding is at least this severe: error, warning or info "
                        + "(default: ${DEFAULT-VALUE})").build());
        spec.addOption(DeclaredOptions.option(Boolean.class, () -> lint.assumeInTransaction,
                v -> lint.assumeInTransaction = v, "--assume-in-transaction").negatable(true)
                .description("The migration tool wraps each file in one transaction (default: only Flyway-named "
                        + "files V1__x.sql)").build());
        spec.addOption(DeclaredOptions.option(ReportWriter.Color.class, () -> lint.color, v -> lint.color = v,
                "--color").paramLabel("<color>").defaultValue("auto")
                .description("auto, always or never (default: ${DEFAULT-VALUE}; NO_COLOR is honoured)").build());
        spec.addOption(DeclaredOptions.option(boolean.class, () -> lint.verbose, v -> lint.verbose = v,
                "-v", "--verbose").description("Also list statements that lock nothing that exists").build());
        lint.connection.declareOn(spec);
        spec.addOption(DeclaredOptions.option(String.class, () -> lint.changedSince, v -> lint.changedSince = v,
                "--changed-since").paramLabel("REF")
                .description("With a migration folder: report only the files changed since this git ref (the "
                        + "earlier ones still count as the schema)").build());
        spec.addOption(DeclaredOptions.option(boolean.class, () -> lint.estimate, v -> lint.estimate = v,
                "--estimate").negatable(true).defaultValue("true").fallbackValue("true")
                .description("With --url: measure the server's throughput (a rolled-back probe, about a second) and "
                        + "estimate how long each scan, rewrite and index build holds its lock (default: on)").build());
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static PositionalParamSpec.Builder listOfStrings(LintCommand lint) {
        return DeclaredOptions.positional(List.class, () -> lint.files, v -> lint.files = v)
                .auxiliaryTypes(String.class);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Severity threshold;
        SchemaInputs.Loaded inputs;
        try {
            threshold = Severity.parse(failOn);
            inputs = schema.load("lint", connection, estimate, err);
        } catch (IllegalArgumentException e) {
            err.println("phasewise lint: " + (e.getMessage().startsWith("No enum") ? "--fail-on takes error, warning "
                    + "or info, not " + failOn : e.getMessage()));
            return Main.INPUT_ERROR;
        }
        PgVersion version = inputs.version();
        SchemaModel before = inputs.schema();
        Throughput throughput = inputs.throughput();
        boolean schemaErrors = inputs.errors();
        Analyzer analyzer = new Analyzer(version, Rules.ALL, assumeInTransaction).withThroughput(throughput);
        List<FileAnalysis> results = new ArrayList<>();
        List<StatementSpill> spills = new ArrayList<>();
        try {
            for (String f : files) {
                if (!f.equals("-") && Files.isDirectory(Path.of(f))) {
                    results.addAll(history(analyzer, Path.of(f), before, spills));
                    continue;
                }
                StatementSpill spill = new StatementSpill();
                spills.add(spill);
                results.add(analyze(analyzer, f, before, spill));
            }
            Report report = new Report(results, version.major());
            ReportWriter.write(report, format, color, verbose);
            if (report.hasInputErrors() || schemaErrors) {
                return Main.INPUT_ERROR;
            }
            return report.hasFindingsAtOrAbove(threshold) ? Main.FINDINGS : Main.OK;
        } finally {
            for (StatementSpill spill : spills) {
                spill.close();
            }
        }
    }

    /**
     * A migration folder as the history it is: its files in the tool's order, each analysed with all
     * earlier ones applied to the schema; with --changed-since, only the changed files are reported.
     */
    private List<FileAnalysis> history(Analyzer analyzer, Path dir, SchemaModel before, List<StatementSpill> spills)
            throws Exception {
        MigrationFolder.Ordered folder = MigrationFolder.read(dir);
        Set<Path> changed = changedSince == null ? null : ChangedFiles.since(changedSince, dir);
        SchemaModel schema = before.copy();
        List<FileAnalysis> out = new ArrayList<>();
        for (String problem : folder.problems()) {
            out.add(FileAnalysis.unreadable(dir.toString(), problem));
        }
        if (folder.migrations().isEmpty() && folder.problems().isEmpty()) {
            out.add(FileAnalysis.unreadable(dir.toString(), "no migration files (.sql) in this folder"));
        }
        for (MigrationFolder.Migration m : folder.migrations()) {
            if (m.text() == null) {
                continue; // its problem is listed above
            }
            if (changed == null || changed.contains(m.file().toAbsolutePath().normalize())) {
                StatementSpill spill = new StatementSpill();
                spills.add(spill);
                Analyzer.FileEnd end = analyzer.analyze(m.file().toString(), m.text(), schema, spill);
                out.add(new FileAnalysis(m.file().toString(), spill.results(end.lateFindings()), end.problems()));
            }
            SchemaFiles.apply(schema, m.text(), p -> { });
        }
        return out;
    }

    /** One file's analysis, its statement results held by {@code spill} so that memory stays flat at any file size. */
    private FileAnalysis analyze(Analyzer analyzer, String file, SchemaModel schema, StatementSpill spill) {
        SourceFiles.Loaded loaded;
        try {
            loaded = file.equals("-") ? SourceFiles.read(System.in) : SourceFiles.read(Path.of(file));
        } catch (Exception e) {
            return FileAnalysis.unreadable(file, "cannot be read: " + e.getMessage());
        }
        String name = file.equals("-") ? "<stdin>" : file;
        if (loaded.text() == null) {
            return FileAnalysis.unreadable(name, loaded.problem());
        }
        if (isPlanFile(name, loaded.text())) {
            return FileAnalysis.unreadable(name, "is a plan file (YAML), not SQL: run `phasewise plan " + name
                    + "` to see the SQL its steps generate, with their locks and findings");
        }
        Analyzer.FileEnd end = analyzer.analyze(name, loaded.text(), schema, spill);
        List<SourceProblem> problems = end.problems();
        if (loaded.problem() != null) {
            problems = new ArrayList<>(problems);
            problems.add(0, SourceProblem.error(loaded.problemLine(), 1, loaded.problem()));
        }
        return new FileAnalysis(name, spill.results(end.lateFindings()), problems);
    }

    private static final Pattern PLAN_KEYS = Pattern.compile(
            "(?m)^(phases|steps):\\s*$");

    /** A plan file given to lint by mistake: a YAML name, or (from standard input) a top-level {@code phases:}. */
    static boolean isPlanFile(String name, String text) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || PLAN_KEYS.matcher(text).find();
    }
}

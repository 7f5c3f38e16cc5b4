package dev.phasewise.cli;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanAnalysis;
import dev.phasewise.plan.PlanException;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.PlanText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code phasewise plan FILE}: the plan phase by phase, with its SQL and the analysis of each statement. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print a plan (*.plan.yaml) phase by phase: each step's forward SQL with its locks and "
                + "findings, its rollback and its verification.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan is valid", "1:its SQL has findings at or above --fail-on",
                "2:the plan file has errors"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The plan file")
    Path file;

    @Option(names = "--pg-version", defaultValue = "17", paramLabel = "N", description = "12 to 18 (default: ${DEFAULT-VALUE})")
    int pgVersion;

    @Option(names = "--schema", paramLabel = "FILE", description = "SQL declaring what exists before the plan; repeatable")
    List<Path> schemas = new ArrayList<>();

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL", description = "error, warning or info (default: ${DEFAULT-VALUE})")
    String failOn;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Plan plan;
        try {
            plan = PlanFiles.read(file);
        } catch (PlanException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return Main.INPUT_ERROR;
        }
        PgVersion version;
        Severity threshold;
        try {
            version = new PgVersion(pgVersion);
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            err.println("phasewise plan: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        SchemaModel schema = new SchemaModel();
        for (Path p : schemas) {
            SourceFiles.Loaded loaded = SourceFiles.read(p);
            if (loaded.text() == null) {
                err.println("phasewise plan: schema file " + p + ": " + loaded.problem());
                return Main.INPUT_ERROR;
            }
            SchemaFiles.apply(schema, loaded.text(), sp -> err.println(p + ":" + sp.line() + ": warning: schema "
                    + "statement skipped: " + sp.message()));
        }
        Map<String, List<StatementResult>> analysis = PlanAnalysis.analyze(plan, schema, version);
        PlanText.write(plan, analysis, out);
        boolean failing = analysis.values().stream().flatMap(List::stream).flatMap(r -> r.findings().stream())
                .anyMatch(f -> f.severity().atLeast(threshold));
        return failing ? Main.FINDINGS : Main.OK;
    }
}

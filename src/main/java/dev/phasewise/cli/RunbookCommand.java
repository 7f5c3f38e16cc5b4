package dev.phasewise.cli;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanException;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.runbook.Paper;
import dev.phasewise.runbook.Rehearsal;
import dev.phasewise.runbook.RunRehearsal;
import dev.phasewise.runbook.Runbook;
import dev.phasewise.runbook.RunbookException;
import dev.phasewise.runbook.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code phasewise runbook PLAN -o FILE}: a printable runbook (PDF, HTML or Markdown). */
@Command(name = "runbook", mixinStandardHelpOptions = true,
        description = "Render a plan's runbook: summary, phases and deploy gates, each step's SQL, rollback, locks, "
                + "pre-checks, verification, abort criteria, rehearsal timings and sign-off lines.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the runbook was written", "2:the plan, a schema or the rehearsal file has errors "
                + "(nothing is written)"})
final class RunbookCommand implements Callable<Integer> {
    enum Format { pdf, html, md }

    enum PaperOption { a4, letter }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PLAN", description = "The plan file (*.plan.yaml)")
    Path file;

    @Option(names = "--schema", paramLabel = "FILE", description = "SQL declaring what exists before the plan; repeatable")
    List<Path> schemas = new ArrayList<>();

    @Option(names = "--rehearsal", paramLabel = "FILE", description = "A rehearsal run's timings (JSON)")
    Path rehearsalFile;

    @Option(names = "--run", paramLabel = "RUN_ID",
            description = "A rehearsal run recorded by 'phasewise run' in the database at --url (see 'phasewise runs')")
    String runId;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "pdf, html or md")
    Format format;

    @Option(names = "--paper", defaultValue = "a4", paramLabel = "SIZE", description = "a4 or letter (default: ${DEFAULT-VALUE})")
    PaperOption paper;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the runbook")
    Path output;

    @Option(names = "--pg-version", paramLabel = "N",
            description = "PostgreSQL major to analyse for (default: from --server-version or the rehearsal, else 17)")
    Integer pgVersion;

    @Option(names = "--database", paramLabel = "NAME", description = "The target database's name, printed on the cover")
    String database;

    @Option(names = "--server-version", paramLabel = "TEXT", description = "The target's server version, e.g. \"PostgreSQL 17.2\"")
    String serverVersion;

    @Option(names = "--rows", paramLabel = "TABLE=N",
            description = "Rows of a table on the target, to scale rehearsal timings; repeatable")
    Map<String, Long> rows = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        Plan plan = null;
        try {
            plan = PlanFiles.read(file);
        } catch (PlanException e) {
            problems.addAll(e.problems());
        }
        PgVersion version = null;
        if (pgVersion != null) {
            try {
                version = new PgVersion(pgVersion);
            } catch (IllegalArgumentException e) {
                problems.add("--pg-version: " + e.getMessage());
            }
        }
        SchemaModel schema = new SchemaModel();
        for (Path p : schemas) {
            SourceFiles.Loaded loaded = SourceFiles.read(p);
            if (loaded.text() == null) {
                problems.add(p + ": schema file " + loaded.problem());
                continue;
            }
            SchemaFiles.apply(schema, loaded.text(), sp -> err.println(p + ":" + sp.line() + ": warning: schema "
                    + "statement skipped: " + sp.message()));
        }
        Rehearsal rehearsal = null;
        if (rehearsalFile != null) {
            try {
                rehearsal = Rehearsal.read(rehearsalFile);
            } catch (RunbookException e) {
                problems.addAll(e.problems());
            }
        }
        if (runId != null && rehearsalFile != null) {
            problems.add("give --run or --rehearsal, not both");
        }
        if (runId != null && !connection.given()) {
            problems.add("--run needs --url (or --profile): the database the run was recorded in");
        }
        if (problems.isEmpty() && runId != null) {
            // the schema of the rehearsal database also sizes the analysis, as lint --url does
            try (Database db = connection.open(err)) {
                rehearsal = RunRehearsal.read(db, runId, plan);
                if (schemas.isEmpty()) {
                    try (Connection c = db.newSession()) {
                        schema = CatalogSchema.read(c);
                    }
                }
            } catch (RunbookException e) {
                problems.addAll(e.problems());
            } catch (SQLException e) {
                problems.add("reading the schema of the rehearsal database: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return fail(err, problems);
        }
        Runbook runbook;
        try {
            runbook = Runbook.analyze(file.toString(), plan, schema, version,
                    new Target(database, serverVersion, rows), rehearsal);
        } catch (RunbookException e) {
            return fail(err, e.problems());
        }
        Paper size = paper == PaperOption.letter ? Paper.LETTER : Paper.A4;
        byte[] bytes = switch (format) {
            case pdf -> runbook.pdf(size);
            case html -> runbook.html().getBytes(StandardCharsets.UTF_8);
            case md -> runbook.markdown().getBytes(StandardCharsets.UTF_8);
        };
        // write next to the target, then move into place: never a half-written runbook
        Path target = output.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temp file's name starts with a dot; nothing more to do
                }
            }
            err.println("phasewise runbook: cannot write " + output + ": " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        spec.commandLine().getOut().println("wrote " + output + " (" + format + ", " + bytes.length + " bytes)");
        return Main.OK;
    }

    private static int fail(PrintWriter err, List<String> problems) {
        problems.forEach(p -> err.println("error: " + p));
        err.println("phasewise runbook: nothing written");
        return Main.INPUT_ERROR;
    }
}

package dev.phasewise.cli;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.MigrationFolder;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.db.trace.HistoryApplier;
import dev.phasewise.db.trace.MigrationTracer;
import dev.phasewise.db.trace.TraceReport;
import dev.phasewise.db.trace.TracedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code phasewise trace --url URL [--format text|json] [--apply] FILE|DIR...}: what PostgreSQL really does,
 * beside the prediction; with {@code --apply}, over a whole migration history, each file applied after its trace.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Run each statement of each FILE on a staging database inside BEGIN ... ROLLBACK (after the "
                + "statements before it) and report the locks, rewrites and scans PostgreSQL really took, with "
                + "every disagreement with the static analysis.",
                "Statements that cannot run in a transaction (CONCURRENTLY) run from a second session and are undone. "
                + "UPDATE, DELETE, INSERT ... SELECT and MERGE change only their first row (their locks and scans "
                + "are the same); the row versions written are counted as dead rows left for VACUUM. The catalog "
                + "is compared before and after. Progress of a long statement goes to stderr.",
                "With --apply the FILEs (or a migration folder, read in its tool's order as lint reads it) are a "
                + "history: each file is traced, then applied for real and committed, so that the next one is "
                + "traced on top of it; the summary ends with the agreement figure (statements traced, those "
                + "where PostgreSQL and the analysis agree, in percent). --apply CHANGES THE DATABASE: use it on "
                + "a throwaway copy or a sandbox (phasewise sandbox), never on a shared staging database."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:traced, PostgreSQL agrees with the analysis, no catalog change left behind (dead rows are reported, not failed)",
                "1:disagreements, or catalog differences left behind, or (--apply) statements PostgreSQL rejected when applied",
                "2:usage or connection error, the database is not marked staging, or an input error (missing, "
                        + "unreadable or empty file, syntax error, unterminated string: named with file and line on "
                        + "stderr; the other files are still traced)"})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Migration files; with --apply also migration folders (Flyway, golang-migrate, dbmate, "
                    + "sqitch, numbered files)")
    List<Path> files;

    @Option(names = "--apply",
            description = "Trace a migration history: after each file's trace, apply the file for real (committed), "
                    + "so that the next file is traced on top of it; ends with the agreement figure. Changes the "
                    + "database: only for a sandbox or a throwaway copy marked staging")
    boolean apply;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    ReportWriter.Format format;

    @Option(names = "--confirm", paramLabel = "DATABASE",
            description = "The database's name, typed to confirm a profile marked staging")
    String confirmation;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (format == ReportWriter.Format.sarif) {
            throw new IllegalArgumentException("--format must be text or json");
        }
        // A file that cannot be read is reported and the others are still traced, as lint does.
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.addAll(inputs(f));
        }
        List<TracedFile> traced = new ArrayList<>();
        int major = 0;
        if (inputs.stream().anyMatch(l -> l.loaded().text() != null)) {
            try (Database db = connection.open(err)) {
                StagingGuard.Decision decision = StagingGuard.decide(db, connection.profileSaysStaging(), confirmation);
                if (!decision.writable()) {
                    throw new IllegalArgumentException((apply ? "trace --apply applies migrations" : "trace runs "
                            + "statements (and rolls them back)") + " only on a staging database: " + decision.reason());
                }
                major = db.serverInfo().major();
                try (Connection session = db.newSession(); TraceProgressLines progress = new TraceProgressLines(err)) {
                    SchemaModel schema = CatalogSchema.read(session);
                    MigrationTracer tracer = new MigrationTracer(session, db::newSession,
                            new Analyzer(new PgVersion(major), Rules.ALL, null));
                    HistoryApplier applier = new HistoryApplier(db::newSession);
                    for (Input input : inputs) {
                        traced.add(traceOne(tracer, input.name(), input.loaded(), schema, progress,
                                apply ? applier : null));
                        if (apply && input.loaded().text() != null) {
                            // the next file's schema is the database as this one left it
                            schema = CatalogSchema.read(session);
                        }
                    }
                }
            }
        } else {
            for (Input input : inputs) {
                traced.add(unreadable(input.name(), input.loaded().problem()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == ReportWriter.Format.json) {
            TraceReport.json(major, traced, out);
        } else {
            TraceReport.text(traced, out, apply);
        }
        out.flush();
        boolean inputErrors = false;
        for (TracedFile f : traced) {
            for (SourceProblem p : f.problems()) {
                if (p.error()) {
                    err.println(f.file() + (p.line() > 0 ? ":" + p.line() + ":" + p.column() : "") + ": error: "
                            + p.message());
                    inputErrors = true;
                }
            }
        }
        err.flush();
        if (inputErrors) {
            return Main.INPUT_ERROR;
        }
        boolean clean = traced.stream().allMatch(f -> f.disagreementCount() == 0 && f.leftBehind().isEmpty()
                && f.notApplied().isEmpty());
        return clean ? Main.OK : Main.FINDINGS;
    }

    /** A file to trace: its name as reported, and its text (or why it has none). */
    private record Input(String name, SourceFiles.Loaded loaded) {
    }

    /** A file as it is; a folder, with --apply, as its migrations in the order its tool runs them. */
    private List<Input> inputs(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(new Input(path.toString(), SourceFiles.read(path)));
        }
        if (!apply) {
            return List.of(new Input(path.toString(), new SourceFiles.Loaded(null, "is a folder: a migration history "
                    + "is traced with --apply (each file traced, then applied, so that the next one sees it)", 0)));
        }
        MigrationFolder.Ordered folder = MigrationFolder.read(path);
        List<Input> out = new ArrayList<>();
        for (String problem : folder.problems()) {
            out.add(new Input(path.toString(), new SourceFiles.Loaded(null, problem, 0)));
        }
        if (folder.migrations().isEmpty() && folder.problems().isEmpty()) {
            out.add(new Input(path.toString(), new SourceFiles.Loaded(null, "no migration files (.sql) in this folder",
                    0)));
        }
        for (MigrationFolder.Migration m : folder.migrations()) {
            if (m.text() != null) { // an unreadable one is among the problems above
                out.add(new Input(m.file().toString(), new SourceFiles.Loaded(m.text(), null, 0)));
            }
        }
        return out;
    }

    private static TracedFile traceOne(MigrationTracer tracer, String name, SourceFiles.Loaded loaded,
                                       SchemaModel schema, TraceProgressLines progress, HistoryApplier applier)
            throws Exception {
        if (loaded.text() == null) {
            return unreadable(name, loaded.problem());
        }
        TracedFile f = applier == null ? tracer.trace(name, loaded.text(), schema, progress)
                : tracer.traceAndApply(name, loaded.text(), schema, progress, applier);
        if (loaded.problem() == null) {
            return f;
        }
        List<SourceProblem> problems = new ArrayList<>(f.problems());
        problems.add(0, SourceProblem.error(loaded.problemLine(), 1, loaded.problem()));
        return new TracedFile(f.file(), f.statements(), problems, f.undone(), f.leftBehind(), f.deadRows(),
                f.notApplied(), f.needlessAlarms());
    }

    private static TracedFile unreadable(String name, String problem) {
        return new TracedFile(name, List.of(), List.of(SourceProblem.error(0, 0, problem)), List.of(), List.of(),
                Map.of());
    }
}

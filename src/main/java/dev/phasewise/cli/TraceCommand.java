package dev.phasewise.cli;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.db.trace.MigrationTracer;
import dev.phasewise.db.trace.TraceReport;
import dev.phasewise.db.trace.TracedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code phasewise trace --url URL [--format text|json] FILE...}: what PostgreSQL really does, beside the prediction. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Run each statement of each FILE on a staging database inside BEGIN ... ROLLBACK (after the "
                + "statements before it) and report the locks, rewrites and scans PostgreSQL really took, with "
                + "every disagreement with the static analysis.",
                "Statements that cannot run in a transaction (CONCURRENTLY) run from a second session and are undone. "
                + "UPDATE, DELETE, INSERT ... SELECT and MERGE change only their first row (their locks and scans "
                + "are the same); the row versions written are counted as dead rows left for VACUUM. The catalog "
                + "is compared before and after. Progress of a long statement goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:traced, PostgreSQL agrees with the analysis, no catalog change left behind (dead rows are reported, not failed)",
                "1:disagreements, or catalog differences left behind",
                "2:usage or connection error, the database is not marked staging, or an input error (missing, "
                        + "unreadable or empty file, syntax error, unterminated string: named with file and line on "
                        + "stderr; the other files are still traced)"})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Migration files")
    List<Path> files;

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
        List<SourceFiles.Loaded> loaded = new ArrayList<>();
        for (Path f : files) {
            loaded.add(SourceFiles.read(f));
        }
        List<TracedFile> traced = new ArrayList<>();
        int major = 0;
        if (loaded.stream().anyMatch(l -> l.text() != null)) {
            try (Database db = connection.open(err)) {
                StagingGuard.Decision decision = StagingGuard.decide(db, connection.profileSaysStaging(), confirmation);
                if (!decision.writable()) {
                    throw new IllegalArgumentException("trace runs statements (and rolls them back) only on a staging "
                            + "database: " + decision.reason());
                }
                major = db.serverInfo().major();
                try (Connection session = db.newSession(); TraceProgressLines progress = new TraceProgressLines(err)) {
                    SchemaModel schema = CatalogSchema.read(session);
                    MigrationTracer tracer = new MigrationTracer(session, db::newSession,
                            new Analyzer(new PgVersion(major), Rules.ALL, null));
                    for (int i = 0; i < files.size(); i++) {
                        traced.add(traceOne(tracer, files.get(i).toString(), loaded.get(i), schema, progress));
                    }
                }
            }
        } else {
            for (int i = 0; i < files.size(); i++) {
                traced.add(unreadable(files.get(i).toString(), loaded.get(i).problem()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == ReportWriter.Format.json) {
            TraceReport.json(major, traced, out);
        } else {
            TraceReport.text(traced, out);
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
        boolean clean = traced.stream().allMatch(f -> f.disagreementCount() == 0 && f.leftBehind().isEmpty());
        return clean ? Main.OK : Main.FINDINGS;
    }

    private static TracedFile traceOne(MigrationTracer tracer, String name, SourceFiles.Loaded loaded,
                                       SchemaModel schema, TraceProgressLines progress) throws Exception {
        if (loaded.text() == null) {
            return unreadable(name, loaded.problem());
        }
        TracedFile f = tracer.trace(name, loaded.text(), schema, progress);
        if (loaded.problem() == null) {
            return f;
        }
        List<SourceProblem> problems = new ArrayList<>(f.problems());
        problems.add(0, SourceProblem.error(loaded.problemLine(), 1, loaded.problem()));
        return new TracedFile(f.file(), f.statements(), problems, f.undone(), f.leftBehind(), f.deadRows());
    }

    private static TracedFile unreadable(String name, String problem) {
        return new TracedFile(name, List.of(), List.of(SourceProblem.error(0, 0, problem)), List.of(), List.of(),
                Map.of());
    }
}

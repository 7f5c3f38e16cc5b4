package dev.phasewise.cli;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.PgVersion;
import dev.phasewise.analysis.SourceFiles;
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
import java.util.concurrent.Callable;

/** {@code phasewise trace --url URL [--format text|json] FILE...}: what PostgreSQL really does, beside the prediction. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Run each statement of each FILE on a staging database inside BEGIN ... ROLLBACK (after the "
                + "statements before it) and report the locks, rewrites and scans PostgreSQL really took, with "
                + "every disagreement with the static analysis.",
                "Statements that cannot run in a transaction (CONCURRENTLY) run from a second session and are undone. "
                + "The catalog is compared before and after: nothing is left behind."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:traced, PostgreSQL agrees with the analysis, nothing left behind",
                "1:disagreements, or catalog differences left behind",
                "2:usage, input or connection error, or the database is not marked staging"})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Migration files")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    LintCommand.Format format;

    @Option(names = "--confirm", paramLabel = "DATABASE",
            description = "The database's name, typed to confirm a profile marked staging")
    String confirmation;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (format == LintCommand.Format.sarif) {
            throw new IllegalArgumentException("--format must be text or json");
        }
        List<String> sources = new ArrayList<>();
        for (Path f : files) {
            SourceFiles.Loaded loaded = SourceFiles.read(f);
            if (loaded.text() == null) {
                throw new IllegalArgumentException(f + " " + loaded.problem());
            }
            sources.add(loaded.text());
        }
        List<TracedFile> traced = new ArrayList<>();
        int major;
        try (Database db = connection.open(err)) {
            StagingGuard.Decision decision = StagingGuard.decide(db, connection.profileSaysStaging(), confirmation);
            if (!decision.writable()) {
                throw new IllegalArgumentException("trace runs statements (and rolls them back) only on a staging "
                        + "database: " + decision.reason());
            }
            major = db.serverInfo().major();
            try (Connection session = db.newSession()) {
                SchemaModel schema = CatalogSchema.read(session);
                MigrationTracer tracer = new MigrationTracer(session, db::newSession,
                        new Analyzer(new PgVersion(major), Rules.ALL, null));
                for (int i = 0; i < files.size(); i++) {
                    traced.add(tracer.trace(files.get(i).toString(), sources.get(i), schema));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == LintCommand.Format.json) {
            TraceReport.json(major, traced, out);
        } else {
            TraceReport.text(traced, out);
        }
        out.flush();
        boolean clean = traced.stream().allMatch(f -> f.disagreementCount() == 0 && f.leftBehind().isEmpty());
        return clean ? Main.OK : Main.FINDINGS;
    }
}

package dev.phasewise.cli;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.SearchPath;
import dev.phasewise.db.Database;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.db.catalog.ThroughputProbe;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * What exists before a migration, for the commands that read migrations (lint, convert): the
 * options that say it (--pg-version, --schema), and the model they give: the live catalog with
 * --url (its server version too, unless --pg-version was given, and optionally its measured
 * throughput), then every --schema file applied on top.
 */
final class SchemaInputs {
    // the texts are shared by the annotations (convert, and every command that mixes this in) and
    // declareOn (lint, declared in code), so that the options read the same everywhere
    private static final String PG_VERSION_HELP = "PostgreSQL major version to analyse for, 12 to 18 (default: "
            + "${DEFAULT-VALUE}; with --url: the server's)";
    private static final String SCHEMA_HELP = "SQL declaring what exists before the migration (pg_dump "
            + "--schema-only, earlier migrations); repeatable";
    private static final String SEARCH_PATH_HELP = "The search_path the migration starts with, e.g. 'app, public': "
            + "unqualified names resolve through it, as the server's do (default: with --url the database's own, "
            + "otherwise public); SET search_path in the file moves it";

    @Option(names = "--pg-version", paramLabel = "N", defaultValue = "17", description = PG_VERSION_HELP)
    int pgVersion;

    @Option(names = "--schema", paramLabel = "FILE", description = SCHEMA_HELP)
    List<Path> schemas = new ArrayList<>();

    @Option(names = "--search-path", paramLabel = "SCHEMAS", description = SEARCH_PATH_HELP)
    String searchPath;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** These options on a command declared in code ({@link DeclaredOptions}), bound to this object. */
    @SuppressWarnings("unchecked")
    void declareOn(CommandSpec spec) {
        mixee = spec;
        spec.addOption(DeclaredOptions.option(int.class, () -> pgVersion, v -> pgVersion = v, "--pg-version")
                .paramLabel("N").defaultValue("17").description(PG_VERSION_HELP).build());
        spec.addOption(DeclaredOptions.option(List.class, () -> schemas, v -> schemas = v, "--schema")
                .auxiliaryTypes(Path.class).paramLabel("FILE").description(SCHEMA_HELP).build());
        spec.addOption(DeclaredOptions.option(String.class, () -> searchPath, v -> searchPath = v, "--search-path")
                .paramLabel("SCHEMAS").description(SEARCH_PATH_HELP).build());
    }

    /** The schema model, the version to analyse for, the throughput (null when not measured), and whether a schema file failed. */
    record Loaded(SchemaModel schema, PgVersion version, Throughput throughput, boolean errors) {
    }

    /**
     * The model and version these options give; a bad --pg-version throws IllegalArgumentException
     * naming the problem.
     */
    Loaded load(String command, ConnectionOptions connection, boolean measureThroughput, PrintWriter err)
            throws Exception {
        PgVersion version = new PgVersion(pgVersion);
        boolean versionGiven = mixee.commandLine().getParseResult().hasMatchedOption("--pg-version");
        SchemaModel schema = new SchemaModel();
        Throughput throughput = null;
        if (connection.given()) {
            try (Database db = connection.open(err); Connection c = db.newSession()) {
                if (!versionGiven) {
                    version = new PgVersion(Math.min(PgVersion.NEWEST, db.serverInfo().major()));
                }
                schema = CatalogSchema.read(c);
                if (measureThroughput && !db.serverInfo().inRecovery()) {
                    boolean staging = StagingGuard.decide(db, connection.profileSaysStaging(), null).writable();
                    throughput = new ThroughputProbe().measure(c, staging);
                }
            }
        }
        if (searchPath != null) {
            // before the schema files: their unqualified names mean what the migration's do
            schema.setSearchPath(SearchPath.parse(searchPath));
        }
        boolean errors = false;
        for (Path p : schemas) {
            SourceFiles.Loaded loaded = SourceFiles.read(p);
            if (loaded.text() == null) {
                err.println("phasewise " + command + ": schema file " + p + ": " + loaded.problem());
                errors = true;
                continue;
            }
            List<SourceProblem> problems = new ArrayList<>();
            SchemaFiles.apply(schema, loaded.text(), problems::add);
            for (SourceProblem sp : problems) {
                err.println(p + ":" + sp.line() + ":" + sp.column() + ": warning: schema statement skipped: "
                        + sp.message());
            }
        }
        return new Loaded(schema, version, throughput, errors);
    }
}

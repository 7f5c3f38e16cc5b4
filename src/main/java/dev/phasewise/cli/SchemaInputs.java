package dev.phasewise.cli;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.db.catalog.ThroughputProbe;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * What exists before a migration, for the commands that read migrations (lint, convert): the live
 * catalog with --url (its server version too, unless --pg-version was given, and optionally its
 * measured throughput), then every --schema file applied on top.
 */
final class SchemaInputs {

    /** The schema model, the version to analyse for, the throughput (null when not measured), and whether a schema file failed. */
    record Loaded(SchemaModel schema, PgVersion version, Throughput throughput, boolean errors) {
    }

    private SchemaInputs() {
    }

    static Loaded load(String command, ConnectionOptions connection, PgVersion version, boolean versionGiven,
                       List<Path> schemas, boolean measureThroughput, PrintWriter err) throws Exception {
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

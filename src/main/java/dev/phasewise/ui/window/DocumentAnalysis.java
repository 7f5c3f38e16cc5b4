package dev.phasewise.ui.window;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Plan;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.model.StepAnalysis;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The open document's analysis, run in the background after every edit, connection or
 * disconnection. Only the latest request counts: an analysis that finishes after a newer one was
 * asked for is dropped, so a slow analysis of an older edit never overwrites a newer one.
 */
public final class DocumentAnalysis {
    private final BackgroundWork tasks;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<StepAnalysis> analysis = new ReadOnlyObjectWrapper<>(StepAnalysis.EMPTY);
    private final ReadOnlyBooleanWrapper analysing = new ReadOnlyBooleanWrapper();
    private volatile SchemaModel sampleSchema;
    private long generation;

    /** @param status where a failed analysis is reported (the status line) */
    public DocumentAnalysis(BackgroundWork tasks, Consumer<String> status) {
        this.tasks = tasks;
        this.status = status;
    }

    /** Analyses the document against the connection's catalog, or without one against {@link #baseSchema}. */
    public void analyse(PlanDocument doc, ConnectedDatabase c) {
        long mine = ++generation;
        Plan p = doc.plan();
        SchemaModel catalog = c != null ? c.schema() : null;
        PgVersion version = c != null ? c.version() : PgVersion.DEFAULT;
        Throughput throughput = c == null ? null : c.throughput();
        analysing.set(true);
        tasks.run("analyse", () -> StepAnalysis.analyze(doc.kind(), doc.displayName(), p,
                        schemaOf(doc, catalog), version, throughput),
                result -> {
                    if (mine == generation) {
                        analysis.set(result);
                        analysing.set(false);
                    }
                },
                failure -> {
                    if (mine == generation) {
                        analysing.set(false);
                        status.accept("Analysis failed: " + UiTasks.describe(failure));
                    }
                });
    }

    /**
     * The schema the document is analysed against: the connection's catalog (with sizes), else
     * {@link #baseSchema}. Reads a file: call it off the FX thread.
     */
    public SchemaModel schemaFor(PlanDocument doc, ConnectedDatabase c) {
        return schemaOf(doc, c != null ? c.schema() : null);
    }

    /**
     * A Django migration: the project's earlier migrations, connected or not, as {@code django lint} has it (the
     * connected database may have applied some of them, or none, or later ones too), with the catalog's table
     * sizes. Else the catalog, or {@link #baseSchema}.
     */
    private SchemaModel schemaOf(PlanDocument doc, SchemaModel catalog) {
        if (doc.django().isPresent()) {
            return doc.django().get().schemaSizedBy(catalog);
        }
        return catalog != null ? catalog : baseSchema(doc);
    }

    /**
     * Without a connection: the samples' schema for a sample, a schema.sql beside the file when
     * there is one, else nothing (every table is then taken to exist, with rows).
     */
    private SchemaModel baseSchema(PlanDocument doc) {
        if (doc.sample()) {
            if (sampleSchema == null) {
                sampleSchema = SchemaFiles.of(Documents.sampleText("schema.sql"));
            }
            return sampleSchema;
        }
        // the file it was opened from: a SQL file made safe is a plan with no file of its own until saved
        Optional<Path> beside = doc.origin().map(f -> f.toAbsolutePath().resolveSibling("schema.sql"));
        if (beside.isPresent() && Files.isRegularFile(beside.get())) {
            try {
                return SchemaFiles.of(Files.readString(beside.get()));
            } catch (IOException e) {
                return new SchemaModel();
            }
        }
        return new SchemaModel();
    }

    public ReadOnlyObjectProperty<StepAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty analysingProperty() {
        return analysing.getReadOnlyProperty();
    }
}

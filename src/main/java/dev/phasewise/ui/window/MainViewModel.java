package dev.phasewise.ui.window;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.DjangoProjectException;
import dev.phasewise.django.SafeSeries;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.QuietTimer;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.model.StepAnalysis;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main window's state: the open document and its analysis, the selected step, the connection
 * and the status line. Views bind to these properties; every edit goes through a method here and is
 * undoable. It composes the parts with an idea of their own: the analysis in the background
 * ({@link DocumentAnalysis}), runs asked for and reported ({@link #runs()}), the theme
 * ({@link Theme}) and the recent files ({@link RecentFiles}).
 */
public final class MainViewModel {
    /**
     * Per-step status the timeline shows in each block's status slot. Not {@link dev.phasewise.run.StepStatus},
     * which is what the store records per action (run_steps.status, with a CHECK on its five values): this one
     * is per step, from the run's events, and has the live {@code WAITING_FOR_LOCK} (a statement blocked, or
     * backing off after a lock timeout: {@code StepBlocked}, {@code StepRetrying}). The store has no such state
     * on purpose: it records the blocked attempt as running and a timed-out one as pending until the next
     * starts, which is what resuming and runbooks read; a transient wait there would mean a schema change and a
     * state every reader must treat as "started". The other five mean what the store's do.
     */
    public enum StepStatus { PENDING, RUNNING, WAITING_FOR_LOCK, DONE, FAILED, SKIPPED }

    private final BackgroundWork tasks;
    private final ReadOnlyObjectWrapper<PlanDocument> document = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Step> selectedStep = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sqlDocument = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Phasewise");
    private final ReadOnlyObjectWrapper<ConnectedDatabase> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper catalogLoaded = new ReadOnlyBooleanWrapper();
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final DocumentAnalysis analyses;
    private final RecentFiles recentFiles = new RecentFiles();
    private final Theme theme = new Theme();
    private final RunRequests runs = new RunRequests(this);
    private final MakeSafe makeSafe;
    private final DjangoProject django;
    /** SQL typed into the editor is applied to the plan once typing pauses (one undo step, one analysis). */
    private final QuietTimer sqlDebounce;
    private Consumer<String> notifier = s -> { };
    private Runnable pendingSqlEdit;

    public MainViewModel(BackgroundWork tasks, QuietTimer.Factory timers) {
        this.tasks = tasks;
        this.analyses = new DocumentAnalysis(tasks, status::set);
        this.makeSafe = new MakeSafe(tasks, analyses);
        this.django = new DjangoProject(tasks, status::set, this::setDocument);
        this.sqlDebounce = timers.apply(() -> {
            if (pendingSqlEdit != null) {
                Runnable r = pendingSqlEdit;
                pendingSqlEdit = null;
                r.run();
            }
        });
    }

    /** Where long work reports its end (a ControlsFX notification in the window). */
    public void setNotifier(Consumer<String> notifier) {
        this.notifier = notifier;
    }

    // ---- documents ----

    public void open(Path file) throws Exception {
        setDocument(Documents.open(file));
        recentFiles.remember(file);
    }

    public void openSample(String name) throws Exception {
        setDocument(Documents.openSample(name));
    }

    public void setDocument(PlanDocument doc) {
        document.set(doc);
        django.documentChanged(doc);
        runs.reset(doc.plan().steps().stream().map(p -> p.step().id()).toList());
        refreshFromDocument();
        selectedStep.set(doc.plan().steps().isEmpty() ? null : doc.plan().steps().get(0).step());
        reanalyse();
        runs.lookForStoppedRun();
    }

    public void save(Path target) throws IOException {
        PlanDocument doc = document.get();
        doc.saveTo(target);
        recentFiles.remember(target);
        refreshFromDocument();
        status.set("Saved " + target.getFileName());
    }

    // ---- edits ----

    public void edit(Plan edited, Step select) {
        PlanDocument doc = document.get();
        if (doc == null) {
            return;
        }
        doc.edit(edited);
        refreshFromDocument();
        selectedStep.set(select);
        reanalyse();
    }

    public void moveSelected(int delta) {
        Step s = selectedStep.get();
        if (s != null) {
            edit(PlanDocument.moveStep(plan.get(), s, delta), s);
        }
    }

    public void deleteSelected() {
        Step s = selectedStep.get();
        if (s != null) {
            edit(PlanDocument.deleteStep(plan.get(), s), null);
        }
    }

    /** Adds a step after the selected one (when in the same phase, else at the phase's end) and selects it. */
    public void addStep(Phase phase, Step added) {
        if (plan.get() == null) {
            return;
        }
        runs.stepStatuses().putIfAbsent(added.id(), StepStatus.PENDING);
        edit(PlanDocument.insertStep(plan.get(), phase, selectedStep.get(), added), added);
        status.set("Added " + added.kind() + " step " + added.id() + " to " + phase.label());
    }

    /** The phase of the selected step, or expand. */
    public Phase selectedPhase() {
        Step s = selectedStep.get();
        return s == null || plan.get() == null ? Phase.EXPAND
                : PlanDocument.phaseOf(plan.get(), s).orElse(Phase.EXPAND);
    }

    public void replaceSelected(Step replacement) {
        Step s = selectedStep.get();
        if (s != null) {
            edit(PlanDocument.replaceStep(plan.get(), s, replacement), replacement);
        }
    }

    /** SQL typed into a raw statement: applied and re-analysed 300 ms after the last keystroke. */
    public void sqlEdited(RawSql step, String text) {
        pendingSqlEdit = () -> {
            Step current = selectedStep.get();
            if (current == null || !current.id().equals(step.id()) || !(current instanceof RawSql r)
                    || text.equals(r.sql())) {
                return;
            }
            edit(PlanDocument.replaceStep(plan.get(), current,
                    new RawSql(r.id(), r.title(), text, r.rollbackSql(), r.verifySql())), null);
            selectedStep.set(find(step.id()).orElse(null));
        };
        sqlDebounce.restart();
    }

    /** Applies a pending debounced SQL edit now (before save, undo or close). */
    public void flushEdits() {
        if (pendingSqlEdit != null) {
            sqlDebounce.stop();
            Runnable r = pendingSqlEdit;
            pendingSqlEdit = null;
            r.run();
        }
    }

    public void undo() {
        flushEdits();
        PlanDocument doc = document.get();
        if (doc != null && doc.undo()) {
            afterHistoryMove();
        }
    }

    public void redo() {
        PlanDocument doc = document.get();
        if (doc != null && doc.redo()) {
            afterHistoryMove();
        }
    }

    private void afterHistoryMove() {
        String id = selectedStep.get() == null ? null : selectedStep.get().id();
        refreshFromDocument();
        selectedStep.set(id == null ? null : find(id).orElse(firstStep()));
        reanalyse();
    }

    private Step firstStep() {
        return plan.get().steps().isEmpty() ? null : plan.get().steps().get(0).step();
    }

    public Optional<Step> find(String id) {
        return plan.get() == null ? Optional.empty()
                : plan.get().steps().stream().map(Plan.Placed::step).filter(s -> s.id().equals(id)).findFirst();
    }

    private void refreshFromDocument() {
        PlanDocument doc = document.get();
        plan.set(doc.plan());
        dirty.set(doc.dirty());
        canUndo.set(doc.canUndo());
        canRedo.set(doc.canRedo());
        sqlDocument.set(doc.kind() == PlanDocument.Kind.SQL);
        title.set("Phasewise — " + doc.displayName() + (doc.sample() && doc.file().isEmpty() ? " (sample)" : "")
                + (doc.dirty() ? " *" : ""));
    }

    // ---- make it safe ----

    /**
     * Converts the SQL document into a phased plan (in the background); the timeline then shows the
     * plan, as one undoable edit, and the document is a plan with no file yet, so that Save asks for a
     * .plan.yaml. With errors in the input nothing changes and the status line names the line.
     */
    public void makeSafe() {
        flushEdits();
        PlanDocument doc = document.get();
        if (doc == null || makeSafe.convertingProperty().get()) {
            return;
        }
        if (doc.kind() != PlanDocument.Kind.SQL) {
            status.set(MakeSafeMessages.alreadyAPlan(doc.displayName()));
            return;
        }
        if (doc.django().isPresent()) {
            makeDjangoMigrationSafe(doc);
            return;
        }
        status.set(MakeSafeMessages.making(doc.displayName()));
        makeSafe.convert(doc, connection.get(), this::madeSafe, failure -> status.set(MakeSafeMessages.failed(failure)));
    }

    /**
     * A migration of a Django project becomes a series of Django migrations, rendered by the project's own
     * Django from the migration as the project has it (so not from SQL edited here, which it refuses).
     */
    private void makeDjangoMigrationSafe(PlanDocument doc) {
        DjangoMigration m = doc.django().get().migration();
        if (!doc.sqlSource().equals(m.sql())) {
            status.set(MakeSafeMessages.djangoSqlEdited(m));
            return;
        }
        status.set(MakeSafeMessages.makingDjango(m));
        makeSafe.convertDjango(doc, connection.get(), this::madeSafe, failure -> {
            String text = MakeSafeMessages.failed(failure);
            status.set(text);
            notifier.accept(text);
        });
    }

    private void madeSafe(MakeSafe.Result result) {
        PlanDocument doc = document.get();
        if (doc != result.document() || !doc.plan().equals(result.from())) {
            status.set(MakeSafeMessages.changedMeanwhile());
            return;
        }
        if (result.failed()) {
            String text = MakeSafeMessages.cannot(result.firstError());
            status.set(text);
            notifier.accept(text);
            return;
        }
        if (result.changesNothing()) {
            status.set(MakeSafeMessages.nothingToDo(result.django().original()));
            return;
        }
        Plan converted = result.conversion().plan();
        converted.steps().forEach(p -> runs.stepStatuses().putIfAbsent(p.step().id(), StepStatus.PENDING));
        if (result.django() != null) {
            doc.becomeDjangoSeries(converted, result.django().planFile().getFileName().toString(), result.django());
        } else {
            doc.becomePlan(converted, MakeSafe.planName(doc.displayName()));
        }
        refreshFromDocument();
        selectedStep.set(firstStep());
        reanalyse();
        makeSafe.applied(result);
        status.set(MakeSafeMessages.made(result, converted, doc.displayName()));
    }

    /** Save writes Django migrations (the document is a Django migration made safe), not a file the user picks. */
    public boolean saveWritesDjango() {
        PlanDocument doc = document.get();
        return doc != null && (doc.pendingDjangoSeries().isPresent() || doc.djangoSeriesOutdated());
    }

    /**
     * Save of a Django migration made safe: writes the series of Django migrations, the plan beside them and
     * the later migrations re-pointed at the series, then removes the original; the document is then the plan
     * file, saved, and the project is listed again. Refused when the plan was edited after Make it safe (the
     * migrations were rendered from the plan as converted).
     */
    public List<Path> saveDjangoSeries() throws DjangoProjectException {
        flushEdits();
        PlanDocument doc = document.get();
        if (doc.djangoSeriesOutdated()) {
            throw new DjangoProjectException(MakeSafeMessages.seriesOutdated());
        }
        SafeSeries safe = doc.pendingDjangoSeries().orElseThrow();
        List<Path> written = MakeSafe.writeDjango(doc, safe);
        doc.wroteDjangoSeries(safe.planFile());
        recentFiles.remember(safe.planFile());
        refreshFromDocument();
        status.set(MakeSafeMessages.wrote(safe, written.size()));
        django.filesWritten();
        return written;
    }

    /** The conversion's state and its latest result (the before / after the window shows). */
    public MakeSafe makeSafeState() {
        return makeSafe;
    }

    // ---- analysis ----

    /** Analyses the document in the background against the connection's catalog, or the sample schema. */
    public void reanalyse() {
        PlanDocument doc = document.get();
        if (doc != null) {
            analyses.analyse(doc, connection.get());
        }
    }

    // ---- connection ----

    /** Takes over an open connection, then loads its catalog and throughput once, in the background. */
    public void connected(ConnectedDatabase c) {
        ConnectedDatabase old = connection.get();
        connection.set(c);
        catalogLoaded.set(false);
        django.connectionChanged(c);
        if (old != null && old != c) {
            tasks.run("close", () -> {
                old.close();
                return null;
            }, x -> { }, x -> { });
        }
        status.set("Connected: " + c.describe() + " — reading the catalog…");
        tasks.run("catalog", () -> {
            c.loadCatalog();
            return c;
        }, done -> {
            if (connection.get() == done) {
                catalogLoaded.set(true);
                status.set("Catalog of " + c.server().database() + " read: " + c.schema().relations().size()
                        + " relations" + (c.throughput() == null ? "" : "; throughput measured"));
                notifier.accept("Catalog of " + c.server().database() + " read: table sizes and duration estimates");
                reanalyse();
                runs.lookForStoppedRun();
            }
        }, failure -> status.set("Connected: " + c.describe() + " — catalog not read: " + UiTasks.describe(failure)));
        reanalyse();
    }

    public void disconnect() {
        ConnectedDatabase c = connection.get();
        connection.set(null);
        catalogLoaded.set(false);
        django.connectionChanged(null);
        if (c != null) {
            tasks.run("close", () -> {
                c.close();
                return null;
            }, x -> { }, x -> { });
        }
        status.set("Not connected");
        reanalyse();
    }

    // ---- properties ----

    public BackgroundWork tasks() {
        return tasks;
    }

    public ReadOnlyObjectProperty<PlanDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Plan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StepAnalysis> analysisProperty() {
        return analyses.analysisProperty();
    }

    public ObjectProperty<Step> selectedStepProperty() {
        return selectedStep;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The open document is SQL statements (a .sql file, sqlmigrate output), which Make it safe converts. */
    public ReadOnlyBooleanProperty sqlDocumentProperty() {
        return sqlDocument.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectedDatabase> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty catalogLoadedProperty() {
        return catalogLoaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty analysingProperty() {
        return analyses.analysingProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The light / dark choice. */
    public Theme theme() {
        return theme;
    }

    /** File ▸ Open recent: every file opened or saved here. */
    public RecentFiles recentFiles() {
        return recentFiles;
    }

    /** File ▸ Open Django project: the project's migrations, each opened as its SQL. */
    public DjangoProject django() {
        return django;
    }

    /** Run requests and what comes back from runs. */
    public RunRequests runs() {
        return runs;
    }

    public List<Plan.Placed> steps() {
        return plan.get() == null ? List.of() : plan.get().steps();
    }
}

package dev.phasewise.ui.runbook;

import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.run.RunRecord;
import dev.phasewise.run.RunStore;
import dev.phasewise.runbook.Paper;
import dev.phasewise.runbook.PdfRunbook;
import dev.phasewise.runbook.Rehearsal;
import dev.phasewise.runbook.RunRehearsal;
import dev.phasewise.runbook.Runbook;
import dev.phasewise.runbook.Target;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The runbook dialog's state: the format and paper, the preview's page images, and the status.
 * Rendering runs on a background task: the plan with the connected database's catalog (sizes,
 * estimates) and, when that database holds a Phasewise run of this plan, the latest run's timings.
 */
public final class RunbookViewModel {
    public enum Format { PDF, HTML, MARKDOWN }

    private final BackgroundWork tasks;
    private final Plan plan;
    private final String planFile;
    private final ConnectedDatabase connection;
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(Format.PDF);
    private final ObjectProperty<Paper> paper = new SimpleObjectProperty<>(Paper.A4);
    private final ObservableList<BufferedImage> pages = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");

    public RunbookViewModel(BackgroundWork tasks, Plan plan, String planFile, ConnectedDatabase connection) {
        this.tasks = tasks;
        this.plan = plan;
        this.planFile = planFile;
        this.connection = connection;
    }

    /** Renders the PDF and shows its pages. */
    public void preview(Runnable done) {
        status.set("Rendering the runbook…");
        Paper p = paper.get();
        tasks.run("runbook preview", () -> {
            byte[] pdf = build().pdf(p);
            return PdfRunbook.pageImages(pdf, 72f);
        }, images -> {
            pages.setAll(images);
            status.set(images.size() + " pages, " + (p == Paper.A4 ? "A4" : "Letter") + rehearsalNote);
            done.run();
        }, failure -> status.set("The runbook cannot be rendered: " + UiTasks.describe(failure)));
    }

    /** Writes the runbook in the chosen format; the file appears only when complete. */
    public void export(Path target, Consumer<Path> written) {
        Format f = format.get();
        Paper p = paper.get();
        status.set("Writing " + target.getFileName() + "…");
        tasks.run("runbook export", () -> {
            Runbook r = build();
            byte[] bytes = switch (f) {
                case PDF -> r.pdf(p);
                case HTML -> r.html().getBytes(StandardCharsets.UTF_8);
                case MARKDOWN -> r.markdown().getBytes(StandardCharsets.UTF_8);
            };
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".runbook", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        }, path -> {
            status.set("Wrote " + path);
            written.accept(path);
        }, failure -> status.set("The runbook was not written: " + UiTasks.describe(failure)));
    }

    private volatile String rehearsalNote = "";

    private Runbook build() throws Exception {
        SchemaModel schema = connection != null && connection.schema() != null ? connection.schema() : new SchemaModel();
        Target target = connection == null ? null
                : new Target(connection.server().database(), "PostgreSQL " + connection.server().version(), Map.of());
        Rehearsal rehearsal = connection == null ? null : latestRehearsal(connection.database());
        rehearsalNote = rehearsal == null ? "" : ", with the timings of run " + rehearsal.runId();
        return Runbook.analyze(planFile, plan, schema, null, target, rehearsal);
    }

    /** The latest recorded run of this plan on the connected database, as a rehearsal; null when none. */
    private Rehearsal latestRehearsal(Database db) {
        try {
            RunStore store = new RunStore(db, Duration.ofSeconds(5));
            if (!store.exists()) {
                return null;
            }
            List<RunRecord> runs = store.runs().stream().filter(r -> r.planName().equals(plan.name()))
                    .sorted(Comparator.comparing(RunRecord::startedAt).reversed()).toList();
            return runs.isEmpty() ? null : RunRehearsal.read(db, runs.get(0).runId(), plan);
        } catch (Exception e) {
            // a runbook without timings is still a runbook; the status says where timings come from
            return null;
        }
    }

    public ObjectProperty<Format> formatProperty() {
        return format;
    }

    public ObjectProperty<Paper> paperProperty() {
        return paper;
    }

    /** The preview's pages at 72 dpi, as rendered (the dialog turns them into the toolkit's images). */
    public ObservableList<BufferedImage> pages() {
        return pages;
    }

    public StringProperty statusProperty() {
        return status;
    }

    static String extension(Format f) {
        return switch (f) {
            case PDF -> ".pdf";
            case HTML -> ".html";
            case MARKDOWN -> ".md";
        };
    }
}

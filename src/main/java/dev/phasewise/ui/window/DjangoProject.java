package dev.phasewise.ui.window;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.model.DjangoProjectListing;
import dev.phasewise.ui.model.PlanDocument;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * File ▸ Open Django project: the project's own Django lists its migrations in plan order (seconds of
 * Python, so in the background, with the window saying so meanwhile), each linted with the earlier ones
 * as its schema; a migration then opens as its SQL. Connected, the listing also says which migrations that
 * database has applied, and is read again when the connection changes. A project that cannot be read
 * leaves the message (which names the project and the migration) in {@link #errorProperty()}.
 */
public final class DjangoProject {
    private final BackgroundWork tasks;
    private final Consumer<String> status;
    private final Consumer<PlanDocument> open;
    private final ReadOnlyObjectWrapper<Path> directory = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DjangoProjectListing> listing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper openLabel = new ReadOnlyStringWrapper();
    private ConnectedDatabase connection;
    private long generation;
    private long opening;

    /**
     * @param status where progress and failures are told (the status line)
     * @param open   shows a document in the window
     */
    DjangoProject(BackgroundWork tasks, Consumer<String> status, Consumer<PlanDocument> open) {
        this.tasks = tasks;
        this.status = status;
        this.open = open;
    }

    /** Lists the project in {@code dir} (the directory that holds manage.py), in the background. */
    public void open(Path dir) {
        open(dir, true);
    }

    /** @param announce say on the status line that it is read and listed (not after Save, whose line says what it wrote) */
    private void open(Path dir, boolean announce) {
        long mine = ++generation;
        Path project = dir.toAbsolutePath().normalize();
        ConnectedDatabase c = connection;
        // the URL has no password: a typed one goes to the helper's environment, never onto its command line
        String url = c == null ? null : c.database().settings().toUri();
        Map<String, String> environment = c == null ? Map.of()
                : c.database().settings().password().map(p -> Map.of("PGPASSWORD", p)).orElse(Map.of());
        PgVersion version = c != null ? c.version() : PgVersion.DEFAULT;
        directory.set(project);
        loading.set(true);
        error.set(null);
        if (announce) {
            status.accept("Reading the Django project " + project + " with its own Django"
                    + (c == null ? "…" : " and the migrations " + c.server().database() + " has applied…"));
        }
        tasks.run("django project", () -> DjangoProjectListing.read(project, url, environment, version), read -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            listing.set(read);
            if (!announce) {
                return;
            }
            status.accept("Django project " + read.name() + ": " + read.migrations().size() + " migrations of "
                    + read.apps().size() + " apps in plan order (Django " + read.found().djangoVersion() + ")"
                    + (read.knowsApplied() ? ", " + applied(read) + " applied" : "")
                    + "; click one to open its SQL");
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            listing.set(null);
            error.set(UiTasks.describe(failure));
            status.accept("Cannot open the Django project: " + UiTasks.describe(failure));
        });
    }

    private static long applied(DjangoProjectListing l) {
        return l.migrations().stream().filter(m -> Boolean.TRUE.equals(m.applied())).count();
    }

    /** Reads the open project again (after its files changed, or to ask a new connection what it applied). */
    public void reload() {
        if (directory.get() != null) {
            open(directory.get());
        }
    }

    /** Its files were written (Make it safe's series): listed again without a word on the status line. */
    void filesWritten() {
        if (directory.get() != null) {
            open(directory.get(), false);
        }
    }

    /** The window's connection changed: the applied migrations are those of the new one (or unknown). */
    void connectionChanged(ConnectedDatabase c) {
        if (c == connection) {
            return;
        }
        connection = c;
        reload();
    }

    /**
     * Opens the migration as the window's document: its SQL, analysed with the earlier migrations as its schema
     * (which is built off the FX thread: a long history is many statements).
     */
    public void openMigration(DjangoMigration m) {
        DjangoProjectListing l = listing.get();
        if (l == null) {
            return;
        }
        String unreadable = l.sqlErrorUpTo(m);
        if (unreadable != null) {
            // its SQL, or an earlier one's (its schema), is not there: an empty document would claim it is safe
            status.accept("Cannot open " + m.label() + ": " + unreadable + (connection != null ? ""
                    : "; connect (File ▸ Connect…) to a database migrated up to before it, and its Django asks that one"));
            return;
        }
        long mine = ++opening;
        status.accept("Opening " + m.label() + "…");
        tasks.run("open migration", () -> Documents.openDjango(l, m), doc -> {
            // only the migration clicked last opens, whichever schema was built first
            if (listing.get() != l || mine != opening) {
                return;
            }
            open.accept(doc);
            int findings = l.findings(m).size();
            status.accept("Opened " + m.label() + " (" + (m.file() == null ? "no file" : l.project().relativize(m.file()))
                    + "): its SQL as sqlmigrate prints it, analysed with the " + (l.position(m) - 1)
                    + " earlier migrations as its schema; " + (findings == 0 ? "no finding" : findings + " findings"));
        }, failure -> status.accept("Cannot open " + m.label() + ": " + UiTasks.describe(failure)));
    }

    /** The window's document changed: the migration it is, if it is one of a Django project. */
    void documentChanged(PlanDocument doc) {
        openLabel.set(doc == null ? null : doc.django().map(d -> d.migration().label()).orElse(null));
    }

    /** The directory being read or listed; null before any. */
    public ReadOnlyObjectProperty<Path> directoryProperty() {
        return directory.getReadOnlyProperty();
    }

    /** The project as listed; null while none is (or when reading it failed). */
    public ReadOnlyObjectProperty<DjangoProjectListing> listingProperty() {
        return listing.getReadOnlyProperty();
    }

    /** Its Django is running now. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the project could not be read (naming the project, and the migration at fault); null when it could. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The label ({@code app.name}) of the migration the window's document is, or null when it is none. */
    public ReadOnlyStringProperty openLabelProperty() {
        return openLabel.getReadOnlyProperty();
    }
}

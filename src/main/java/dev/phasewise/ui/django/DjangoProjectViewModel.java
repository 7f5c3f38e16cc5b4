package dev.phasewise.ui.django;

import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.ui.model.DjangoProjectListing;
import dev.phasewise.ui.window.DjangoProject;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Django project panel's logic: the listing as apps and their migrations in plan order, each row with
 * its place in the plan, whether the connected database has applied it and what its analysis found; the
 * heading and the state line (reading, or why the project cannot be read). No toolkit types.
 */
public final class DjangoProjectViewModel {
    /** An app and its migrations in plan order; {@code own}: the project's own app, not Django's or a library's. */
    public record AppGroup(String app, boolean own, List<MigrationRow> migrations) {
    }

    /**
     * One migration: {@code position} in the whole plan from 1, {@code applied} null when no database was asked,
     * {@code worst} null when it has no finding.
     */
    public record MigrationRow(DjangoMigration migration, int position, Boolean applied, Severity worst,
                               int findings, String summary) {
        public String label() {
            return migration.label();
        }

        /** "#7 0005_backfill_summary" */
        public String text() {
            return "#" + position + " " + migration.name();
        }

        /** "2 errors, 1 warning", "no finding". */
        public String badge() {
            return summary;
        }
    }

    /** The badge of a migration whose SQL its Django could not write without a database. */
    static final String SQL_NOT_COLLECTED = "SQL not collected without a database";

    private final DjangoProject project;
    private final ReadOnlyObjectWrapper<List<AppGroup>> groups = new ReadOnlyObjectWrapper<>(List.of());

    public DjangoProjectViewModel(DjangoProject project) {
        this.project = project;
        project.listingProperty().addListener((o, old, l) -> groups.set(l == null ? List.of() : groupsOf(l)));
        if (project.listingProperty().get() != null) {
            groups.set(groupsOf(project.listingProperty().get()));
        }
    }

    static List<AppGroup> groupsOf(DjangoProjectListing l) {
        List<AppGroup> out = new ArrayList<>();
        for (String app : l.apps()) {
            List<MigrationRow> rows = new ArrayList<>();
            for (DjangoMigration m : l.of(app)) {
                List<Finding> findings = l.findings(m);
                // without its SQL there is nothing to analyse: the row says so instead of "no finding"
                rows.add(new MigrationRow(m, l.position(m), m.applied(), l.worst(m).orElse(null), findings.size(),
                        m.sqlError() != null ? SQL_NOT_COLLECTED : summary(findings)));
            }
            out.add(new AppGroup(app, l.ownApp(app), List.copyOf(rows)));
        }
        return List.copyOf(out);
    }

    /** The findings counted by severity, most severe first: "1 error, 2 warnings". */
    static String summary(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "no finding";
        }
        Map<Severity, Integer> counts = new TreeMap<>((a, b) -> b.compareTo(a));
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(n + " " + s.label() + (n == 1 ? "" : "s")));
        return String.join(", ", parts);
    }

    /** Opens the migration as the window's document. */
    public void open(MigrationRow row) {
        project.openMigration(row.migration());
    }

    /** Reads the project again (its files changed, e.g. after Make it safe wrote new migrations). */
    public void reload() {
        project.reload();
    }

    public ReadOnlyObjectProperty<List<AppGroup>> groupsProperty() {
        return groups.getReadOnlyProperty();
    }

    /** "blog · Django 3.2.19 · blog.settings · /usr/bin/python3", or the directory while it is read. */
    public StringBinding heading() {
        return Bindings.createStringBinding(() -> {
            DjangoProjectListing l = project.listingProperty().get();
            if (l != null) {
                return l.name() + " · Django " + l.found().djangoVersion() + " · " + l.settingsModule() + " · "
                        + l.python();
            }
            return project.directoryProperty().get() == null ? "" : project.directoryProperty().get().toString();
        }, project.listingProperty(), project.directoryProperty());
    }

    /** What the panel says above the list: reading now, why it cannot be read, or what the marks mean. */
    public StringBinding state() {
        return Bindings.createStringBinding(() -> {
            if (project.loadingProperty().get()) {
                return "Reading the project with its own Django…";
            }
            if (project.errorProperty().get() != null) {
                return project.errorProperty().get();
            }
            DjangoProjectListing l = project.listingProperty().get();
            if (l == null) {
                return "";
            }
            return l.migrations().size() + " migrations in plan order, each linted with the earlier ones as its schema"
                    + (l.knowsApplied() ? "; ✓ applied on the connected database, ○ not yet" : "; not connected: "
                    + "applied or not is unknown");
        }, project.loadingProperty(), project.errorProperty(), project.listingProperty());
    }

    public boolean failed() {
        return project.errorProperty().get() != null;
    }

    public DjangoProject project() {
        return project;
    }
}

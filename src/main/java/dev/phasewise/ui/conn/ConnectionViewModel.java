package dev.phasewise.ui.conn;

import dev.phasewise.db.Profile;
import dev.phasewise.db.Profiles;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection dialog's state: the saved profiles, the one being edited, the password (in memory
 * only: never written anywhere), and the outcome of "Test" (server version and staging verdict).
 */
public final class ConnectionViewModel {
    private final BackgroundWork tasks;
    private final Profiles profiles;
    private final ObservableList<Profile> saved = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final BooleanProperty staging = new SimpleBooleanProperty();
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty testing = new SimpleBooleanProperty();
    private final ObjectProperty<ConnectedDatabase> tested = new SimpleObjectProperty<>();

    public ConnectionViewModel(BackgroundWork tasks, Profiles profiles) {
        this.tasks = tasks;
        this.profiles = profiles;
        reload();
        name.addListener((o, a, b) -> forget());
        url.addListener((o, a, b) -> forget());
        password.addListener((o, a, b) -> forget());
        staging.addListener((o, a, b) -> forget());
        confirmation.addListener((o, a, b) -> forget());
    }

    private void reload() {
        try {
            saved.setAll(profiles.list());
        } catch (RuntimeException e) {
            result.set("Cannot read " + profiles.file() + ": " + e.getMessage());
        }
    }

    public void pick(Profile p) {
        if (p == null) {
            return;
        }
        name.set(p.name());
        url.set(p.url());
        staging.set(p.staging());
    }

    /** Opens a connection in the background and reports what the server is and what the guard allows. */
    public void test() {
        forget();
        String u = url.get();
        if (u == null || u.isBlank()) {
            result.set("Enter a postgresql:// URL or a conninfo string");
            return;
        }
        testing.set(true);
        result.set("Connecting…");
        String label = name.get().isBlank() ? u : name.get();
        String pw = password.get();
        boolean st = staging.get();
        String confirm = confirmation.get().isBlank() ? null : confirmation.get();
        tasks.run("connect", () -> ConnectedDatabase.open(label, ConnectedDatabase.settings(u, pw), st, confirm), c -> {
            testing.set(false);
            tested.set(c);
            result.set("PostgreSQL " + c.server().version() + " · database " + c.server().database() + " as "
                    + c.server().user() + "\n" + capitalized(c.decision().verdict().words()) + ": "
                    + c.decision().reason());
        }, failure -> {
            testing.set(false);
            result.set("Cannot connect: " + UiTasks.describe(failure));
        });
    }

    /** Saves the profile (never the password; a URL holding one is refused). */
    public void save() {
        try {
            profiles.put(new Profile(name.get().strip(), url.get().strip(), staging.get()));
            reload();
            String tested = result.get().startsWith("PostgreSQL") ? result.get() + "\n" : "";
            result.set(tested + "Saved profile \"" + name.get() + "\" (without the password) in " + profiles.file());
        } catch (RuntimeException e) {
            result.set(e.getMessage());
        }
    }

    private void forget() {
        ConnectedDatabase c = tested.get();
        if (c != null && !testing.get()) {
            tested.set(null);
            tasks.run("close", () -> {
                c.close();
                return null;
            }, x -> { }, x -> { });
        }
    }

    /** The tested connection, handed over (the dialog no longer closes it). */
    public ConnectedDatabase take() {
        ConnectedDatabase c = tested.get();
        tested.set(null);
        return c;
    }

    public void cancel() {
        forget();
        password.set("");
    }

    public ObservableList<Profile> saved() {
        return saved;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public BooleanProperty stagingProperty() {
        return staging;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public BooleanProperty testingProperty() {
        return testing;
    }

    public ObjectProperty<ConnectedDatabase> testedProperty() {
        return tested;
    }

    private static String capitalized(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

package dev.phasewise.ui.app;

import dev.phasewise.db.PgEnvironment;
import dev.phasewise.db.Profiles;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.sandbox.Sandbox;
import dev.phasewise.sandbox.SandboxOptions;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.FxQuietTimer;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.conn.ConnectionDialog;
import dev.phasewise.ui.conn.ConnectionViewModel;
import dev.phasewise.ui.explain.ExplainView;
import dev.phasewise.ui.explain.ExplainViewModel;
import dev.phasewise.ui.facts.TableFactsView;
import dev.phasewise.ui.facts.TableFactsViewModel;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.runbook.RunbookDialog;
import dev.phasewise.ui.runbook.RunbookViewModel;
import dev.phasewise.ui.step.LockPanel;
import dev.phasewise.ui.step.NewStepDialog;
import dev.phasewise.ui.step.StepDetailView;
import dev.phasewise.ui.step.StepForm;
import dev.phasewise.ui.step.StepKinds;
import dev.phasewise.ui.timeline.TimelineView;
import dev.phasewise.ui.trace.TraceView;
import dev.phasewise.ui.trace.TraceViewModel;
import dev.phasewise.ui.window.MainViewModel;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

import java.awt.Desktop;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The main window (design §7): toolbar, the phase timeline, the step detail (SQL | locks, table
 * facts), EXPLAIN and the live backfill panel, and a status bar with the connection. Built in code;
 * every action goes through {@link MainViewModel}.
 */
public final class MainWindow {
    /** What the window does on its own at start; tests turn the sandbox off and use their own prefs. */
    /**
     * @param sandbox the sandbox to start when no connection profile exists; null for none
     */
    public record Options(SandboxOptions sandbox, UiPrefs prefs, Profiles profiles, String openSample) {
        public static Options defaults() {
            // -Dphasewise.ui.sandbox=false: no embedded PostgreSQL at start (CI, measuring start-up)
            boolean sandbox = !"false".equals(System.getProperty("phasewise.ui.sandbox"));
            return new Options(sandbox ? SandboxOptions.defaults() : null, UiPrefs.user(),
                    Profiles.of(PgEnvironment.system()), Documents.DEFAULT_SAMPLE);
        }
    }

    private final Stage stage;
    private final Options options;
    private final UiTasks tasks = new UiTasks(3);
    private final MainViewModel vm = new MainViewModel(tasks, FxQuietTimer.waiting(300));
    private final ExplainViewModel explainVm = new ExplainViewModel(tasks);
    private final TraceViewModel traceVm = new TraceViewModel(vm);
    private final BorderPane root = new BorderPane();
    private final SplitPane outer = new SplitPane();
    private final SplitPane detail = new SplitPane();
    private final SplitPane bottom = new SplitPane();
    private final StatusBar statusBar = new StatusBar();
    private final Menu recentMenu = new Menu("Open recent");
    private final TimelineView timeline;
    // built right after the window is first shown (RichTextFX and the tables cost ~1 s of class
    // loading and CSS on a cold JVM): the window appears first, then fills in
    private StepDetailView stepDetail;
    private LockPanel lockPanel;
    private TableFactsView factsView;
    private ExplainView explainView;
    private final TabPane sideTabs = new TabPane();
    private final WindowSandbox sandbox;

    public MainWindow(Stage stage, Options options) {
        this.stage = stage;
        this.options = options;
        vm.darkProperty().set(options.prefs().get("dark", false));
        vm.recent().setAll(options.prefs().recent());
        timeline = new TimelineView(vm);
        timeline.setOnAddStep(this::addStep);
        vm.setNotifier(this::notify);
        vm.runs().setControls(new PlanRunControls(vm));
        sandbox = new WindowSandbox(tasks, vm, statusBar, this::notify);
        build();
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public ExplainViewModel explainViewModel() {
        return explainVm;
    }

    public TraceViewModel traceViewModel() {
        return traceVm;
    }

    public Pane root() {
        return root;
    }

    /** Shows the side tab: 0 locks, 1 table facts. */
    public void selectSideTab(int index) {
        sideTabs.getSelectionModel().select(index);
    }

    public Stage stage() {
        return stage;
    }

    private void build() {
        root.getStyleClass().add(Css.ROOT);
        root.setTop(new VBox(menuBar(), MainToolBar.build(vm, traceVm, new MainToolBar.WindowActions(this::openDialog,
                () -> save(false), this::connectDialog, this::traceSelected, () -> addStep(null), this::editStep))));
        detail.getItems().addAll(new Pane(), new Pane());
        bottom.getItems().addAll(new Pane(), new LiveBackfillPanel(vm));
        outer.setOrientation(Orientation.VERTICAL);
        outer.getItems().addAll(timeline, detail, bottom);
        root.setCenter(outer);
        root.setBottom(statusBar());
        outer.setDividerPositions(options.prefs().get("divider.outer.0", 0.36), options.prefs().get("divider.outer.1", 0.66));
        detail.setDividerPositions(options.prefs().get("divider.detail", 0.56));
        bottom.setDividerPositions(options.prefs().get("divider.bottom", 0.62));

        Scene scene = new Scene(root, options.prefs().get("window.width", 1280), options.prefs().get("window.height", 860));
        scene.getStylesheets().add(MainWindow.class.getResource(Css.STYLESHEET).toExternalForm());
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (files != null && !files.isEmpty()) {
                open(files.get(0).toPath());
                e.setDropCompleted(true);
            }
            e.consume();
        });
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        double x = options.prefs().get("window.x", Double.NaN);
        double y = options.prefs().get("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        List<Image> icons = new ArrayList<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var in = MainWindow.class.getResourceAsStream("/dev/phasewise/ui/icons/phasewise-" + size + ".png");
            if (in != null) {
                icons.add(new Image(in));
            }
        }
        stage.getIcons().setAll(icons);
        applyTheme();
        vm.darkProperty().addListener((o, a, b) -> applyTheme());
        vm.recent().addListener((ListChangeListener<String>) c -> rebuildRecent());
        rebuildRecent();
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard()) {
                e.consume();
                return;
            }
            shutdown();
        });
    }

    /** Builds the step detail, lock, table facts and EXPLAIN views (once). */
    private void buildDetailViews() {
        if (stepDetail != null) {
            return;
        }
        stepDetail = new StepDetailView(vm);
        lockPanel = new LockPanel(vm, new TraceView(vm, traceVm));
        factsView = new TableFactsView(new TableFactsViewModel(vm, tasks));
        explainView = new ExplainView(vm, explainVm);
        Tab locks = new Tab("Locks", lockPanel);
        locks.setId("tab-locks");
        Tab facts = new Tab("Table facts", factsView);
        facts.setId("tab-facts");
        sideTabs.getTabs().addAll(locks, facts);
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        double d = detail.getDividerPositions()[0];
        double b = bottom.getDividerPositions()[0];
        detail.getItems().setAll(stepDetail, sideTabs);
        bottom.getItems().set(0, new ExplainAndLogTabs(explainView, vm.runs().runState()));
        detail.setDividerPositions(d);
        bottom.setDividerPositions(b);
    }

    /**
     * After the window is shown: the detail views, the sample plan (or the file given), then the
     * sandbox in the background if no profile exists.
     */
    public void start(Path file) {
        buildDetailViews();
        try {
            if (file != null) {
                vm.open(file);
            } else if (options.openSample() != null) {
                vm.openSample(options.openSample());
            }
        } catch (Exception e) {
            vm.statusProperty().set("Cannot open " + (file != null ? file : options.openSample()) + ": "
                    + UiTasks.describe(e));
        }
        if (options.sandbox() != null) {
            boolean noProfiles;
            try {
                noProfiles = options.profiles().list().isEmpty();
            } catch (RuntimeException e) {
                noProfiles = true;
            }
            if (noProfiles) {
                sandbox.start(options.sandbox());
            }
        }
    }

    private MenuBar menuBar() {
        return MainMenuBar.build(vm, traceVm, recentMenu, new MainMenuBar.WindowActions(this::openDialog,
                this::openSample, () -> save(false), () -> save(true), this::runbookDialog, this::connectDialog,
                () -> {
                    if (confirmDiscard()) {
                        shutdown();
                        stage.close();
                    }
                }, () -> addStep(null), this::editStep, this::traceSelected));
    }

    /** The runbook of the open plan (with the connected database's sizes and latest run), to preview, print, export. */
    public RunbookDialog runbookDialog() {
        PlanDocument doc = vm.documentProperty().get();
        if (doc == null) {
            return null;
        }
        String name = doc.file().map(Path::toString).orElse(doc.displayName());
        var model = new RunbookViewModel(tasks, doc.plan(), name, vm.connectionProperty().get());
        var dialog = new RunbookDialog(stage, model, MainWindow::openExternally);
        dialog.show();
        return dialog;
    }

    /** Opens a file with the desktop's application for it, off the FX thread; quietly nothing where there is none. */
    private static void openExternally(Path file) {
        Thread t = new Thread(() -> {
            try {
                if (Desktop.isDesktopSupported()
                        && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                    Desktop.getDesktop().open(file.toFile());
                }
            } catch (Exception ignored) {
                // no application for the type: the status line already names the file
            }
        }, "phasewise-open");
        t.setDaemon(true);
        t.start();
    }

    private StatusBar statusBar() {
        statusBar.setId("status-bar");
        statusBar.textProperty().bind(vm.statusProperty());
        Label conn = new Label();
        conn.setId("connection-label");
        conn.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectedDatabase c = vm.connectionProperty().get();
            return c == null ? "not connected" : c.describe();
        }, vm.connectionProperty()));
        Label analysing = new Label();
        analysing.textProperty().bind(Bindings.when(vm.analysingProperty())
                .then("analysing…").otherwise(""));
        statusBar.getRightItems().addAll(analysing, new Separator(Orientation.VERTICAL), conn);
        return statusBar;
    }

    // ---- actions ----

    private void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a plan, a SQL migration or sqlmigrate output");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Plans and SQL", "*.plan.yaml", "*.plan.yml", "*.plan.json", "*.yaml",
                        "*.sql"),
                new FileChooser.ExtensionFilter("All files", "*"));
        vm.documentProperty().get();
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    public void open(Path file) {
        if (!confirmDiscard()) {
            return;
        }
        try {
            vm.open(file);
            vm.statusProperty().set("Opened " + file);
        } catch (Exception e) {
            error("Cannot open " + file.getFileName(), UiTasks.describe(e));
        }
    }

    private void openSample(String name) {
        if (!confirmDiscard()) {
            return;
        }
        try {
            vm.openSample(name);
            vm.statusProperty().set("Opened sample " + name);
        } catch (Exception e) {
            error("Cannot open sample " + name, UiTasks.describe(e));
        }
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (String s : vm.recent()) {
            recentMenu.getItems().add(MainMenuBar.item(s, null, () -> open(Path.of(s))));
        }
        recentMenu.setDisable(vm.recent().isEmpty());
    }

    public boolean save(boolean as) {
        vm.flushEdits();
        var doc = vm.documentProperty().get();
        if (doc == null) {
            return false;
        }
        Path target = doc.file().orElse(null);
        if (as || target == null) {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save");
            fc.setInitialFileName(doc.displayName());
            File f = fc.showSaveDialog(stage);
            if (f == null) {
                return false;
            }
            target = f.toPath();
        }
        try {
            vm.save(target);
            return true;
        } catch (Exception e) {
            error("Cannot save " + target, UiTasks.describe(e));
            return false;
        }
    }

    private void editStep() {
        Step s = vm.selectedStepProperty().get();
        if (s == null) {
            return;
        }
        StepForm form = new StepForm(s);
        form.initOwner(stage);
        form.showAndWait().ifPresent(vm::replaceSelected);
    }

    /**
     * Add step…: kind and phase, then the kind's form with defaults; the step goes after the selected
     * one (same phase) or at the phase's end, as one undoable edit.
     *
     * @param lane the phase whose lane was right-clicked, or null for the selected step's phase
     */
    public void addStep(Phase lane) {
        if (vm.planProperty().get() == null) {
            return;
        }
        Step context = vm.selectedStepProperty().get();
        NewStepDialog choose = new NewStepDialog(
                lane != null ? lane : vm.selectedPhase(), context != null ? context.kind() : "raw-sql");
        choose.initOwner(stage);
        choose.showAndWait().ifPresent(choice -> {
            StepForm form = StepForm.forNew(StepKinds.withDefaults(choice.kind().type(), context),
                    id -> vm.find(id).isPresent());
            form.initOwner(stage);
            form.showAndWait().ifPresent(step -> vm.addStep(choice.phase(), step));
        });
    }

    /** Trace: the lock panel shows the observed locks beside the prediction. */
    private void traceSelected() {
        selectSideTab(0);
        traceVm.traceSelected();
    }

    private void connectDialog() {
        ConnectionDialog d = new ConnectionDialog(new ConnectionViewModel(tasks, options.profiles()));
        d.initOwner(stage);
        d.showAndWait().ifPresent(vm::connected);
    }

    /** True when there is nothing unsaved, or the user saved or discarded it. */
    public boolean confirmDiscard() {
        vm.flushEdits();
        if (!vm.dirtyProperty().get()) {
            return true;
        }
        ButtonType saveBt = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The plan has unsaved changes.", saveBt, discard,
                ButtonType.CANCEL);
        a.setHeaderText("Save changes to " + vm.documentProperty().get().displayName() + "?");
        a.initOwner(stage);
        Optional<ButtonType> choice = a.showAndWait();
        if (choice.isEmpty() || choice.get() == ButtonType.CANCEL) {
            return false;
        }
        return choice.get() != saveBt || save(false);
    }

    private void error(String header, String text) {
        vm.statusProperty().set(header + ": " + text);
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(header);
        a.initOwner(stage);
        a.show();
    }

    private void notify(String text) {
        if (stage.isShowing() && !Boolean.getBoolean("phasewise.ui.noNotifications")) {
            new Toast(stage).show(text);
        }
    }

    private void applyTheme() {
        boolean dark = vm.darkProperty().get();
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(dark ? "dark" : "light");
    }

    /** The sandbox this window started, or null. */
    public Sandbox sandbox() {
        return sandbox.sandbox();
    }

    /** Remembers the window, closes the connection and stops a sandbox this window started. */
    public void shutdown() {
        UiPrefs p = options.prefs();
        if (!stage.isMaximized() && stage.getWidth() > 0) {
            p.put("window.width", stage.getWidth());
            p.put("window.height", stage.getHeight());
            p.put("window.x", stage.getX());
            p.put("window.y", stage.getY());
        }
        p.put("divider.outer.0", outer.getDividerPositions()[0]);
        p.put("divider.outer.1", outer.getDividerPositions()[1]);
        if (stepDetail != null) {
            p.put("divider.detail", detail.getDividerPositions()[0]);
        }
        p.put("divider.bottom", bottom.getDividerPositions()[0]);
        p.put("dark", vm.darkProperty().get());
        p.recent(vm.recent());
        p.flush();
        ConnectedDatabase c = vm.connectionProperty().get();
        Sandbox sb = sandbox.sandbox();
        Thread closer = new Thread(() -> {
            if (c != null) {
                c.close();
            }
            if (sb != null) {
                sb.close();
            }
        }, "phasewise-shutdown");
        closer.start();
        try {
            closer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tasks.shutdown();
    }
}

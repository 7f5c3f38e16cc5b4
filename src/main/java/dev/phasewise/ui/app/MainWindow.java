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
import dev.phasewise.ui.django.DjangoProjectView;
import dev.phasewise.ui.django.DjangoProjectViewModel;
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
import dev.phasewise.ui.window.UiPrefs;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

import java.awt.Desktop;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

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
    /** The Django project's panel (when one is open) beside the rest of the window. */
    private final SplitPane sides = new SplitPane();
    /** Built when the first Django project opens (about 55 ms of a cold start that most windows never need). */
    private DjangoProjectView djangoView;
    private final SplitPane detail = new SplitPane();
    private final SplitPane bottom = new SplitPane();
    private final StatusBar statusBar = new StatusBar();
    private final Menu recentMenu = new Menu("Open recent");
    private final TimelineView timeline;
    private ToolBar toolBar;
    // built right after the window is first shown (RichTextFX, the tables and the live panel's charts
    // cost ~1 s of class loading and CSS on a cold JVM): the window appears first, then fills in
    private StepDetailView stepDetail;
    private LockPanel lockPanel;
    private TableFactsView factsView;
    private ExplainView explainView;
    private final TabPane sideTabs = new TabPane();
    private final WindowSandbox sandbox;
    private final DocumentFiles files;
    private final WindowPlacement placement;
    private BeforeAfterDialog beforeAfter;

    public MainWindow(Stage stage, Options options) {
        this.stage = stage;
        this.options = options;
        this.files = new DocumentFiles(stage, vm);
        this.placement = new WindowPlacement(options.prefs(), outer, detail, bottom);
        vm.theme().restoreFrom(options.prefs());
        vm.recentFiles().restoreFrom(options.prefs());
        timeline = new TimelineView(vm);
        timeline.setOnAddStep(this::addStep);
        vm.setNotifier(this::notify);
        vm.runs().setControls(new PlanRunControls(vm));
        sandbox = new WindowSandbox(tasks, vm, statusBar, this::notify);
        // after Make it safe, each table's locks before and after, beside the window
        vm.makeSafeState().lastProperty().addListener((o, old, result) -> {
            if (result != null) {
                if (beforeAfter != null) {
                    beforeAfter.stage().close();
                }
                beforeAfter = new BeforeAfterDialog(stage, result);
                beforeAfter.show();
            }
        });
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

    /** The before / after of the latest Make it safe, or null. */
    public Stage beforeAfterStage() {
        return beforeAfter == null ? null : beforeAfter.stage();
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
        toolBar = MainToolBar.build(vm, traceVm, new MainToolBar.WindowActions(files::openDialog,
                () -> save(false), this::connectDialog, this::traceSelected, () -> addStep(null), this::editStep));
        root.setTop(new VBox(menuBar(), toolBar));
        detail.getItems().addAll(new Pane(), new Pane());
        bottom.getItems().addAll(new Pane(), new Pane());
        outer.setOrientation(Orientation.VERTICAL);
        outer.getItems().addAll(timeline, detail, bottom);
        sides.getItems().add(outer);
        // the panel appears with the first project opened, and stays
        vm.django().directoryProperty().addListener((o, old, dir) -> {
            if (dir != null && djangoView == null) {
                djangoView = new DjangoProjectView(new DjangoProjectViewModel(vm.django()));
                djangoView.setBeforeOpen(files::confirmDiscard);
                sides.getItems().add(0, djangoView);
                sides.setDividerPositions(0.24);
                SplitPane.setResizableWithParent(djangoView, false);
            }
        });
        root.setCenter(sides);
        root.setBottom(statusBar());
        placement.restoreDividers();

        Scene scene = new Scene(root, placement.width(), placement.height());
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
        placement.restorePosition(stage);
        WindowLook.install(stage, scene, root, vm.theme());
        vm.recentFiles().files().addListener((ListChangeListener<String>) c -> rebuildRecent());
        rebuildRecent();
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard()) {
                e.consume();
                return;
            }
            shutdown();
        });
    }

    /** Builds the step detail, lock, table facts, EXPLAIN and live backfill views (once). */
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
        bottom.getItems().setAll(new ExplainAndLogTabs(explainView, vm.runs().runState()), new LiveBackfillPanel(vm));
        detail.setDividerPositions(d);
        bottom.setDividerPositions(b);
    }

    /**
     * After the window is shown: its icons, the toolbar's tooltips, the detail views, the sample plan
     * (or the file given), then the sandbox in the background if no profile exists.
     */
    public void start(Path file) {
        WindowLook.setIcons(stage);
        MainToolBar.installTooltips(toolBar);
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
            sandbox.startWithoutProfiles(options.sandbox(), options.profiles());
        }
    }

    private MenuBar menuBar() {
        return MainMenuBar.build(vm, traceVm, recentMenu, new MainMenuBar.WindowActions(files::openDialog,
                this::openDjangoDialog, files::openSample, () -> save(false), () -> save(true), this::runbookDialog,
                this::connectDialog,
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

    public void open(Path file) {
        files.open(file);
    }

    public boolean save(boolean as) {
        return files.save(as);
    }

    /** True when there is nothing unsaved, or the user saved or discarded it. */
    public boolean confirmDiscard() {
        return files.confirmDiscard();
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (String s : vm.recentFiles().files()) {
            recentMenu.getItems().add(MainMenuBar.item(s, null, () -> open(Path.of(s))));
        }
        recentMenu.setDisable(vm.recentFiles().files().isEmpty());
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

    /** File ▸ Open Django project…: the directory that holds manage.py. */
    private void openDjangoDialog() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a Django project: the directory that holds manage.py");
        File dir = dc.showDialog(stage);
        if (dir != null) {
            openDjangoProject(dir.toPath());
        }
    }

    /** Lists the Django project in {@code dir} beside the timeline (its Django runs in the background). */
    public void openDjangoProject(Path dir) {
        vm.django().open(dir);
    }

    private void connectDialog() {
        ConnectionDialog d = new ConnectionDialog(new ConnectionViewModel(tasks, options.profiles()));
        d.initOwner(stage);
        d.showAndWait().ifPresent(vm::connected);
    }

    private void notify(String text) {
        if (stage.isShowing() && !Boolean.getBoolean("phasewise.ui.noNotifications")) {
            new Toast(stage).show(text);
        }
    }

    /** The sandbox this window started, or null. */
    public Sandbox sandbox() {
        return sandbox.sandbox();
    }

    /** Remembers the window, closes the connection and stops a sandbox this window started. */
    public void shutdown() {
        UiPrefs p = options.prefs();
        placement.save(stage, stepDetail != null);
        vm.theme().saveTo(p);
        vm.recentFiles().saveTo(p);
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

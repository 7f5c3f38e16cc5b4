package dev.phasewise.ui.app;

import dev.phasewise.ui.Icons;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.trace.TraceViewModel;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.List;
import java.util.function.Consumer;

/**
 * The main window's menus (File, Edit, View) with their shortcuts, each item bound to the view
 * model's state; what needs the window (its dialogs, quitting) comes in as actions.
 */
final class MainMenuBar {
    private MainMenuBar() {
    }

    /** What the menus ask of the window. */
    record WindowActions(Runnable open, Runnable openDjango, Consumer<String> openSample, Runnable save, Runnable saveAs,
                         Runnable runbook, Runnable connect, Runnable quit, Runnable addStep, Runnable editStep,
                         Runnable trace) {
    }

    static MenuBar build(MainViewModel vm, TraceViewModel traceVm, Menu recentMenu, WindowActions window) {
        MenuItem open = Icons.on(item("Open…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), window.open()), Icons.OPEN);
        MenuItem openDjango = Icons.on(item("Open Django project…", null, window.openDjango()), Icons.OPEN);
        openDjango.setId("open-django-item");
        Menu samples = new Menu("Open sample");
        for (String s : Documents.SAMPLE_NAMES) {
            samples.getItems().add(item(s, null, () -> window.openSample().accept(s)));
        }
        MenuItem save = Icons.on(item("Save", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), window.save()), Icons.SAVE);
        MenuItem saveAs = item("Save as…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), window.saveAs());
        MenuItem connect = Icons.on(item("Connect…", new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), window.connect()), Icons.CONNECT);
        MenuItem disconnect = Icons.on(item("Disconnect", null, vm::disconnect), Icons.DISCONNECT);
        disconnect.disableProperty().bind(vm.connectionProperty().isNull());
        MenuItem quit = Icons.on(item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), window.quit()), Icons.QUIT);
        MenuItem runbook = Icons.on(item("Runbook: preview, print, export…", new KeyCodeCombination(KeyCode.P,
                KeyCombination.SHORTCUT_DOWN), window.runbook()), Icons.RUNBOOK);
        runbook.disableProperty().bind(vm.documentProperty().isNull());
        Menu file = new Menu("File", null, open, openDjango, samples, recentMenu, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), runbook, new SeparatorMenuItem(), connect, disconnect,
                new SeparatorMenuItem(), quit);

        MenuItem undo = Icons.on(item("Undo", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), vm::undo), Icons.UNDO);
        undo.disableProperty().bind(vm.canUndoProperty().not());
        MenuItem redo = Icons.on(item("Redo", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), vm::redo), Icons.REDO);
        redo.disableProperty().bind(vm.canRedoProperty().not());
        MenuItem addStep = Icons.on(item("Add step…", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                window.addStep()), Icons.ADD);
        addStep.disableProperty().bind(vm.documentProperty().isNull());
        MenuItem editStep = Icons.on(item("Edit step…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), window.editStep()), Icons.EDIT);
        MenuItem up = Icons.on(item("Move step up", new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN), () -> vm.moveSelected(-1)), Icons.UP);
        MenuItem down = Icons.on(item("Move step down", new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN), () -> vm.moveSelected(1)), Icons.DOWN);
        MenuItem delete = Icons.on(item("Delete step", new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN), vm::deleteSelected), Icons.DELETE);
        for (MenuItem m : List.of(editStep, up, down, delete)) {
            m.disableProperty().bind(vm.selectedStepProperty().isNull());
        }
        MenuItem makeSafe = Icons.on(item("Make it safe", new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), vm::makeSafe), Icons.MAKE_SAFE);
        makeSafe.setId("make-safe-item");
        makeSafe.disableProperty().bind(vm.sqlDocumentProperty().not().or(vm.makeSafeState().convertingProperty()));
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), makeSafe, new SeparatorMenuItem(), addStep,
                editStep, up, down, delete);

        MenuItem reanalyse = Icons.on(item("Re-analyse", new KeyCodeCombination(KeyCode.F5), vm::reanalyse), Icons.REANALYSE);
        MenuItem theme = Icons.on(item("Toggle light / dark", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN),
                vm.theme()::toggle), Icons.DARK);
        MenuItem trace = Icons.on(item("Trace step on the database", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), window.trace()), Icons.TRACE);
        trace.disableProperty().bind(traceVm.canTrace().not());
        Menu view = new Menu("View", null, reanalyse, trace, theme);
        MenuBar bar = new MenuBar(file, edit, view);
        bar.setId("menu-bar");
        return bar;
    }

    static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}

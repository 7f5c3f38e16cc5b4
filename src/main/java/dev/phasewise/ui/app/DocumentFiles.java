package dev.phasewise.ui.app;

import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The window's file actions with their dialogs: open (a file, a sample, a recent file), save and
 * save as, and the question before unsaved changes are lost. What they do to the document is the
 * view model's; here are the choosers, the confirmation and the error alerts.
 */
final class DocumentFiles {
    private final Stage stage;
    private final MainViewModel vm;

    DocumentFiles(Stage stage, MainViewModel vm) {
        this.stage = stage;
        this.vm = vm;
    }

    void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a plan, a SQL migration or sqlmigrate output");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Plans and SQL", "*.plan.yaml", "*.plan.yml", "*.plan.json", "*.yaml",
                        "*.sql"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    void open(Path file) {
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

    void openSample(String name) {
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

    boolean save(boolean as) {
        vm.flushEdits();
        var doc = vm.documentProperty().get();
        if (doc == null) {
            return false;
        }
        if (!as && vm.saveWritesDjango()) {
            try {
                vm.saveDjangoSeries();
                return true;
            } catch (Exception e) {
                error("Cannot write the Django migrations", UiTasks.describe(e));
                return false;
            }
        }
        Path target = doc.file().orElse(null);
        if (as || target == null) {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save");
            fc.setInitialFileName(doc.displayName());
            // a SQL file made safe is saved as a plan beside it (its name ends .plan.yaml)
            doc.origin().map(Path::toAbsolutePath).map(Path::getParent).filter(d -> d.toFile().isDirectory())
                    .ifPresent(d -> fc.setInitialDirectory(d.toFile()));
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

    /** True when there is nothing unsaved, or the user saved or discarded it. */
    boolean confirmDiscard() {
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
}

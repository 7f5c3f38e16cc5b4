package dev.phasewise.ui.timeline;

import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/** A step block's context menu for runs: run this step alone, skip it (or stop skipping it). */
final class StepRunMenu {
    private StepRunMenu() {
    }

    static void install(Node block, Step step, MainViewModel vm) {
        // the secondary button opens it on press (as on every platform here, and in headless Monocle, which sends
        // no context-menu event for a mouse); the keyboard's menu key through the context-menu event
        block.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                show(block, step, vm, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        block.setOnContextMenuRequested(e -> {
            if (e.isKeyboardTrigger()) {
                show(block, step, vm, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    private static void show(Node block, Step step, MainViewModel vm, double x, double y) {
        // owned by the window, not the block: selecting the step rebuilds the timeline, and a menu owned
        // by a block that leaves the scene closes with it
        menu(step, vm).show(block.getScene().getWindow(), x, y);
        vm.selectedStepProperty().set(step);
    }

    static ContextMenu menu(Step step, MainViewModel vm) {
        MenuItem run = new MenuItem("Run this step");
        run.setId("menu-run-step");
        run.setOnAction(e -> vm.runs().runStep(step));
        boolean skipping = vm.runs().runState().skipRequests().contains(step.id());
        MenuItem skip = new MenuItem(skipping ? "Don't skip" : "Skip");
        skip.setId("menu-skip-step");
        skip.setOnAction(e -> vm.runs().skip(step.id(), !skipping));
        boolean pending = vm.runs().stepStatuses().getOrDefault(step.id(), MainViewModel.StepStatus.PENDING)
                == MainViewModel.StepStatus.PENDING;
        skip.setDisable(!skipping && !pending);
        run.disableProperty().bind(vm.runs().availableProperty().not().or(vm.runs().runState().running()));
        return new ContextMenu(run, skip);
    }
}

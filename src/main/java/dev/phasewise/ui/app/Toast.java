package dev.phasewise.ui.app;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** A short notice in the window's corner that goes away by itself (ControlsFX's notification popup). */
final class Toast {
    private final Window owner;

    Toast(Window owner) {
        this.owner = owner;
    }

    void show(String text) {
        Notifications.create().owner(owner).title("Phasewise").text(text).position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(5)).showInformation();
    }
}

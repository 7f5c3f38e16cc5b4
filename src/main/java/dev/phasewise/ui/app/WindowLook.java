package dev.phasewise.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.Theme;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * How the window looks: the app's icons, its stylesheet, and the theme the user chose applied as
 * AtlantaFX's light or dark Primer (and a "light" / "dark" class on the root for our own rules).
 */
final class WindowLook {
    private WindowLook() {
    }

    static void install(Stage stage, Scene scene, Pane root, Theme theme) {
        scene.getStylesheets().add(WindowLook.class.getResource(Css.STYLESHEET).toExternalForm());
        apply(root, theme.darkProperty().get());
        theme.darkProperty().addListener((o, a, dark) -> apply(root, dark));
    }

    /**
     * The theme's stylesheet as the application's user agent stylesheet. Called before the first control
     * exists, it also spares JavaFX's own (modena), which a control's class initialiser would otherwise
     * parse first, only for the theme to replace it (15 - 20 ms of the window's start, JFR). Setting the
     * same one again changes nothing.
     */
    static void useTheme(boolean dark) {
        Application.setUserAgentStylesheet(themeStylesheet(dark));
    }

    /** The theme's stylesheet: AtlantaFX's Primer, light or dark. */
    static String themeStylesheet(boolean dark) {
        return dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    private static void apply(Pane root, boolean dark) {
        useTheme(dark);
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(dark ? "dark" : "light");
    }

    /**
     * The app's icons, in the sizes the desktop picks from. Set after the first frame: decoding six
     * PNG files on a cold JVM took ~30 ms of the window's start, and a title bar's icon a moment
     * later is not seen.
     */
    static void setIcons(Stage stage) {
        stage.getIcons().setAll(appIcons());
    }

    private static List<Image> appIcons() {
        List<Image> icons = new ArrayList<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var in = WindowLook.class.getResourceAsStream("/dev/phasewise/ui/icons/phasewise-" + size + ".png");
            if (in != null) {
                icons.add(new Image(in));
            }
        }
        return icons;
    }
}

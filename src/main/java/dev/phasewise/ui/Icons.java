package dev.phasewise.ui;

import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The window's icons: Material Design Icons through ikonli's {@link FontIcon}, a font glyph that
 * takes the theme's text colour (AtlantaFX styles {@code .ikonli-font-icon}) and scales with the
 * font, where the Unicode glyphs before depended on what the system's fonts happened to have.
 * One name per action, so a toolbar button and its menu item show the same picture.
 */
public final class Icons {
    public static final Ikon OPEN = MaterialDesignF.FOLDER_OPEN_OUTLINE;
    public static final Ikon SAVE = MaterialDesignC.CONTENT_SAVE_OUTLINE;
    public static final Ikon CONNECT = MaterialDesignD.DATABASE_ARROW_RIGHT;
    public static final Ikon DISCONNECT = MaterialDesignL.LAN_DISCONNECT;
    public static final Ikon REANALYSE = MaterialDesignR.REFRESH;
    public static final Ikon TRACE = MaterialDesignD.DATABASE_SEARCH;
    public static final Ikon ADD = MaterialDesignP.PLAYLIST_PLUS;
    public static final Ikon EDIT = MaterialDesignP.PENCIL;
    public static final Ikon DELETE = MaterialDesignD.DELETE;
    public static final Ikon UP = MaterialDesignA.ARROW_UP;
    public static final Ikon DOWN = MaterialDesignA.ARROW_DOWN;
    public static final Ikon RUN = MaterialDesignP.PLAY;
    public static final Ikon PAUSE = MaterialDesignP.PAUSE;
    public static final Ikon CANCEL = MaterialDesignS.STOP;
    public static final Ikon RUN_STEP = MaterialDesignS.SKIP_NEXT;
    public static final Ikon RESUME = MaterialDesignP.PLAY_CIRCLE_OUTLINE;
    public static final Ikon SKIP = MaterialDesignD.DEBUG_STEP_OVER;
    public static final Ikon UNDO = MaterialDesignU.UNDO;
    public static final Ikon REDO = MaterialDesignR.REDO;
    public static final Ikon RUNBOOK = MaterialDesignP.PRINTER;
    public static final Ikon QUIT = MaterialDesignE.EXIT_TO_APP;
    public static final Ikon LIGHT = MaterialDesignW.WEATHER_SUNNY;
    public static final Ikon DARK = MaterialDesignW.WEATHER_NIGHT;
    public static final Ikon LOCKS = MaterialDesignL.LOCK_OUTLINE;
    public static final Ikon SEARCH = MaterialDesignM.MAGNIFY;
    public static final Ikon MAKE_SAFE = MaterialDesignS.SHIELD_CHECK_OUTLINE;

    /** Toolbar and menu icons: a little above the text's size. */
    public static final int SIZE = 16;

    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(SIZE);
        icon.getStyleClass().add("pw-icon");
        return icon;
    }

    public static <T extends Labeled> T on(T control, Ikon ikon) {
        control.setGraphic(of(ikon));
        return control;
    }

    public static <T extends MenuItem> T on(T item, Ikon ikon) {
        item.setGraphic(of(ikon));
        return item;
    }
}

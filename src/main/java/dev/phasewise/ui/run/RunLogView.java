package dev.phasewise.ui.run;

import dev.phasewise.ui.Css;
import javafx.collections.ListChangeListener;
import javafx.event.EventType;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The run log pane: the {@link RunLog}'s timestamped lines in a list (virtualised, so 5,000 lines cost
 * what the visible ones cost). Lines can be selected (several with Shift / Ctrl) and copied with
 * Ctrl+C or the context menu. New lines scroll into view while the last line is visible; once the user
 * scrolls up to read, the view stays where it is until they scroll back to the end.
 */
public final class RunLogView extends VBox {
    private final RunLog log;
    private final ListView<String> list;
    private boolean atEnd = true;
    private boolean scrollPending;
    private boolean userMoved;
    // looked up once: the check after every layout pulse parsed the selector and walked the list each time
    private VirtualFlow<?> flow;

    public RunLogView(RunLog log) {
        super(4);
        this.log = log;
        list = new ListView<>(log.lines());
        list.setId("run-log");
        list.getStyleClass().add(Css.RUN_LOG);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.skinProperty().addListener((o, before, now) -> flow = null);
        list.setFixedCellSize(18); // one text line a row (the theme's cells are roomier), and cheaper to lay out
        list.setPlaceholder(new Label("Each event of a run shows here: steps started and done with their duration, "
                + "lock waits and retries, verifications, gates, backfill progress, errors."));
        VBox.setVgrow(list, Priority.ALWAYS);
        MenuItem copy = new MenuItem("Copy");
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copy.setOnAction(e -> copySelected());
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(log.text()));
        MenuItem clear = new MenuItem("Clear");
        clear.setOnAction(e -> log.clear());
        list.setContextMenu(new ContextMenu(copy, copyAll, clear));
        list.setOnKeyPressed(e -> {
            if (copy.getAccelerator().match(e)) {
                copySelected();
                e.consume();
            }
        });
        // Following the end stops only when the user moves the view (wheel, scroll bar, keys), and resumes when
        // they bring the last line back into view: whether the end is in view is read after the layout that
        // follows their input. Reading it after every layout instead lost the end whenever a layout showed the
        // last row covered for a moment (a long line bringing the horizontal scroll bar). The scroll to new lines
        // waits for the layout too (until then the list's cells do not know the new lines, and a scroll to one of
        // them is ignored).
        for (EventType<?> type : List.of(ScrollEvent.SCROLL,
                MouseEvent.MOUSE_DRAGGED, MouseEvent.MOUSE_RELEASED,
                KeyEvent.KEY_PRESSED)) {
            list.addEventFilter(type, e -> userMoved = true);
        }
        Runnable afterLayout = () -> {
            if (scrollPending) {
                scrollPending = false;
                scrollToEnd();
                atEnd = true;
            } else if (userMoved) {
                userMoved = false;
                atEnd = lastLineVisible();
            }
        };
        list.sceneProperty().addListener((o, before, now) -> {
            if (before != null) {
                before.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        log.lines().addListener((ListChangeListener<String>) c -> {
            boolean added = false;
            while (c.next()) {
                added |= c.wasAdded();
            }
            if (added && atEnd) {
                scrollPending = true;
                list.requestLayout();
            }
        });
        getChildren().add(list);
        setPadding(new Insets(4));
        setId("run-log-pane");
    }

    /** The list's virtual flow, once its skin made one. */
    private VirtualFlow<?> flow() {
        if (flow == null) {
            flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        }
        return flow;
    }

    private void scrollToEnd() {
        int last = log.lines().size() - 1;
        VirtualFlow<?> flow = flow();
        if (flow != null && last >= 0 && flow.getCellCount() > last) {
            flow.scrollTo(last); // brings the cell fully into view now, at the bottom edge
        } else {
            list.scrollTo(last);
        }
    }

    /** True when the last line is on screen (or nothing is shown yet): new lines then scroll into view. */
    private boolean lastLineVisible() {
        int size = log.lines().size();
        if (size == 0) {
            return true;
        }
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= size - 1;
    }

    /** Whether new lines scroll into view: the end was visible at the last layout. */
    public boolean followingEnd() {
        return atEnd;
    }

    private void copySelected() {
        List<String> selected = List.copyOf(list.getSelectionModel().getSelectedItems());
        copy(String.join("\n", selected));
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    public ListView<String> list() {
        return list;
    }
}

package dev.phasewise.ui.app;

import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.convert.AccountEntry;
import dev.phasewise.convert.LockHold;
import dev.phasewise.convert.TableLocks;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.MakeSafe;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * After "Make it safe": per table, the locks the original SQL takes beside the plan's (the one the
 * application suffers most from first, in red when the application waits behind it), then the
 * converter's account, statement by statement. Not modal: the window stays usable beside it.
 */
final class BeforeAfterDialog {
    private final Stage stage = new Stage();

    BeforeAfterDialog(Window owner, MakeSafe.Result result) {
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Made safe: before / after");
        stage.setScene(new Scene(build(result), 1000, 640));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.getScene().getRoot().getStyleClass().setAll(owner.getScene().getRoot().getStyleClass());
        }
    }

    Stage stage() {
        return stage;
    }

    void show() {
        stage.show();
    }

    private BorderPane build(MakeSafe.Result result) {
        VBox content = new VBox(14);
        content.setPadding(new Insets(14));
        Label heading = new Label(result.sqlName() + " made safe: each table's locks before and after");
        heading.getStyleClass().add(Css.SECTION_TITLE);
        content.getChildren().addAll(heading, tables(result.comparison().tables()));
        if (!result.djangoFiles().isEmpty()) {
            content.getChildren().add(djangoFiles(result.djangoFiles()));
        }
        content.getChildren().add(account(result.conversion().account()));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Button close = new Button("Close");
        close.setId("before-after-close");
        close.setDefaultButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(8, 14, 12, 14));
        BorderPane root = new BorderPane(scroll);
        root.setId("before-after");
        root.setBottom(buttons);
        root.getStyleClass().add(Css.ROOT);
        return root;
    }

    private static GridPane tables(List<TableLocks> tables) {
        GridPane grid = new GridPane();
        grid.setId("before-after-table");
        grid.getStyleClass().add(Css.BEFORE_AFTER);
        grid.setHgap(18);
        grid.setVgap(10);
        ColumnConstraints name = new ColumnConstraints(170);
        ColumnConstraints side = new ColumnConstraints();
        side.setHgrow(Priority.ALWAYS);
        side.setPercentWidth(40);
        grid.getColumnConstraints().addAll(name, side, side);
        grid.addRow(0, title("Table"), title("Before: the SQL as written"), title("After: the phased plan"));
        int row = 1;
        for (TableLocks t : tables) {
            VBox table = new VBox(2, new Label(t.table()), muted(t.rows() >= 0 ? Bytes.rows(t.rows()) + " rows" : "rows unknown"));
            table.setId("lock-row-" + t.table());
            grid.addRow(row++, table, holds(t.before(), t.worstBefore().orElse(null), "before-hold"),
                    holds(t.after(), t.worstAfter().orElse(null), "after-hold"));
        }
        if (tables.isEmpty()) {
            grid.addRow(row, muted("no table that existed before is locked"));
        }
        return grid;
    }

    /**
     * The worst hold first and in bold, then the others in the order they are taken. Red: the application
     * waits behind it for a while (work under a lock that blocks writes, row locks on every row); amber: it
     * blocks writes for a moment (metadata only); green: reads and writes go on.
     */
    private static VBox holds(List<LockHold> holds, LockHold worst, String styleClass) {
        List<LockHold> ordered = new ArrayList<>(holds);
        if (worst != null) {
            ordered.remove(worst);
            ordered.add(0, worst);
        }
        VBox box = new VBox(4);
        for (LockHold h : ordered) {
            Label l = new Label(h.describe());
            l.setWrapText(true);
            l.getStyleClass().addAll(styleClass, !h.applicationWaits() ? Css.MATRIX_OK
                    : h.seconds() != 0 || h.rowLocks() ? Css.MATRIX_BLOCKED : Css.HOLD_BRIEF);
            if (h == worst) {
                l.getStyleClass().add(Css.HOLD_WORST);
            }
            box.getChildren().add(l);
        }
        return box;
    }

    /** A Django migration made safe: the files Save writes in its place, and the original it removes. */
    private static VBox djangoFiles(List<String> files) {
        VBox box = new VBox(4);
        box.setId("make-safe-django-files");
        box.getChildren().add(title("Save writes these Django migrations"));
        for (String f : files) {
            Label l = new Label(f);
            l.getStyleClass().add("django-file");
            box.getChildren().add(indented(l));
        }
        return box;
    }

    private static VBox account(List<AccountEntry> account) {
        VBox box = new VBox(6);
        box.setId("make-safe-account");
        box.getChildren().add(title("What each statement became"));
        for (AccountEntry e : account) {
            Label head = new Label("line " + e.line() + ", statement " + e.statement() + ", " + e.outcome().words() + ": "
                    + oneLine(e.sql()));
            head.getStyleClass().add("account-line");
            box.getChildren().add(head);
            for (String b : e.became()) {
                box.getChildren().add(indented(new Label("→ " + b)));
            }
            Label why = muted(e.why());
            why.setWrapText(true);
            box.getChildren().add(indented(why));
        }
        return box;
    }

    private static Label indented(Label l) {
        l.setPadding(new Insets(0, 0, 0, 18));
        l.setWrapText(true);
        return l;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.SECTION_TITLE);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.MUTED);
        return l;
    }

    private static String oneLine(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 110 ? one.substring(0, 107) + "…" : one;
    }
}

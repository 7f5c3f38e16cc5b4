package dev.phasewise.ui.conn;

import dev.phasewise.db.Profile;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Pick or create a profile, test it (server version and staging verdict), then connect. */
public final class ConnectionDialog extends Dialog<ConnectedDatabase> {
    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    public ConnectionDialog(ConnectionViewModel vm) {
        setTitle("Connect to PostgreSQL");
        setHeaderText("A profile names a URL; the password is asked here and kept in memory only.");
        ComboBox<Profile> profiles = new ComboBox<>(vm.saved());
        profiles.setId("profile-combo");
        profiles.setPromptText(vm.saved().isEmpty() ? "no saved profiles" : "saved profiles");
        profiles.setCellFactory(l -> new ProfileCell());
        profiles.setButtonCell(new ProfileCell());
        profiles.valueProperty().addListener((o, a, b) -> vm.pick(b));
        TextField name = new TextField();
        name.setId("profile-name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField url = new TextField();
        url.setId("profile-url");
        url.setPromptText("postgresql://user@host:5432/app_copy");
        url.setPrefColumnCount(36);
        url.textProperty().bindBidirectional(vm.urlProperty());
        CheckBox staging = new CheckBox("this is a staging database (runs allowed after confirming its name)");
        staging.selectedProperty().bindBidirectional(vm.stagingProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("from ~/.pgpass or PGPASSWORD when empty");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        TextField confirm = new TextField();
        confirm.setPromptText("type the database name to confirm staging");
        confirm.textProperty().bindBidirectional(vm.confirmationProperty());
        confirm.disableProperty().bind(vm.stagingProperty().not());
        Button test = new Button("Test connection");
        test.setId("test-connection");
        test.disableProperty().bind(vm.testingProperty());
        test.setOnAction(e -> vm.test());
        Button save = new Button("Save profile");
        save.setOnAction(e -> vm.save());
        // read-only text, not a label: the verdict's reason can be long and holds a command to copy
        TextArea result = new TextArea();
        result.setId("connection-result");
        result.setEditable(false);
        result.setWrapText(true);
        result.setPrefRowCount(7);
        result.setPrefColumnCount(52);
        result.textProperty().bind(vm.resultProperty());
        GridPane g = new GridPane();
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        g.getColumnConstraints().addAll(labels, new ColumnConstraints());
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        int r = 0;
        g.addRow(r++, new Label("Profile"), profiles);
        g.addRow(r++, new Label("Name"), name);
        g.addRow(r++, new Label("URL"), url);
        g.add(staging, 1, r++);
        g.addRow(r++, new Label("Password"), password);
        g.addRow(r++, new Label("Confirm"), confirm);
        g.add(new HBox(8, test, save), 1, r++);
        g.add(result, 0, r, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        getDialogPane().lookupButton(CONNECT).disableProperty().bind(vm.testedProperty().isNull());
        setResultConverter(bt -> {
            if (bt == CONNECT) {
                return vm.take();
            }
            vm.cancel();
            return null;
        });
    }

    private static final class ProfileCell extends ListCell<Profile> {
        @Override
        protected void updateItem(Profile p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name() + (p.staging() ? "  (staging)" : "") + " — " + p.url());
        }
    }
}

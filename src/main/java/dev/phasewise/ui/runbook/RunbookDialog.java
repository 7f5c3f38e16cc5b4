package dev.phasewise.ui.runbook;

import dev.phasewise.runbook.Paper;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PrinterJob;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Print preview and export of a plan's runbook: the PDF's pages as images, paper size, Print
 * (JavaFX printing, one page image per sheet), and Export to PDF, HTML or Markdown, opening the
 * result when asked.
 */
public final class RunbookDialog {
    private final RunbookViewModel vm;
    private final Consumer<Path> opener;
    private final Stage stage = new Stage();
    private final VBox pageBox = new VBox(12);
    /** The pages as shown, converted once from the view model's rendering, reused for printing. */
    private final List<Image> images = new ArrayList<>();

    /** @param opener opens an exported file with the desktop's application for it */
    public RunbookDialog(Window owner, RunbookViewModel vm, Consumer<Path> opener) {
        this.vm = vm;
        this.opener = opener;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Runbook");
        stage.setScene(new Scene(build(), 900, 760));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        vm.pages().addListener((ListChangeListener<BufferedImage>) c -> showPages());
    }

    public Stage stage() {
        return stage;
    }

    public RunbookViewModel model() {
        return vm;
    }

    public void show() {
        stage.show();
        vm.preview(() -> { });
    }

    private BorderPane build() {
        ComboBox<RunbookViewModel.Format> format = new ComboBox<>();
        format.getItems().setAll(RunbookViewModel.Format.values());
        format.valueProperty().bindBidirectional(vm.formatProperty());
        format.setId("runbook-format");
        ComboBox<Paper> paper = new ComboBox<>();
        paper.getItems().setAll(Paper.values());
        paper.valueProperty().bindBidirectional(vm.paperProperty());
        paper.setId("runbook-paper");
        paper.valueProperty().addListener((o, a, b) -> vm.preview(() -> { }));
        CheckBox open = new CheckBox("Open after export");
        open.setSelected(true);
        Button export = new Button("Export…");
        export.setId("runbook-export");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("runbook" + RunbookViewModel.extension(vm.formatProperty().get()));
            File f = chooser.showSaveDialog(stage);
            if (f != null) {
                vm.export(f.toPath(), p -> {
                    if (open.isSelected()) {
                        opener.accept(p);
                    }
                });
            }
        });
        Button print = new Button("Print…");
        print.setId("runbook-print");
        print.setOnAction(e -> print());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setId("runbook-status");
        HBox bar = new HBox(8, new Label("Paper"), paper, new Label("Export as"), format, export, open, print);
        bar.setPadding(new Insets(8));
        pageBox.setPadding(new Insets(12));
        pageBox.setAlignment(Pos.TOP_CENTER);
        pageBox.setStyle("-fx-background-color: #8a8f98;");
        ScrollPane scroll = new ScrollPane(pageBox);
        scroll.setFitToWidth(true);
        scroll.setId("runbook-pages");
        BorderPane root = new BorderPane(scroll, bar, null, status, null);
        BorderPane.setMargin(status, new Insets(4, 8, 4, 8));
        return root;
    }

    private void showPages() {
        pageBox.getChildren().clear();
        images.clear();
        for (BufferedImage rendered : vm.pages()) {
            Image page = SwingFXUtils.toFXImage(rendered, null);
            images.add(page);
            ImageView view = new ImageView(page);
            view.setPreserveRatio(true);
            view.setFitWidth(Math.min(page.getWidth(), 820));
            view.setStyle("-fx-effect: dropshadow(gaussian, rgba(0,0,0,0.35), 8, 0, 0, 2);");
            pageBox.getChildren().add(view);
        }
    }

    /** One sheet per page image, scaled to the printable area; no printer gives a message, not an error. */
    private void print() {
        PrinterJob job = PrinterJob.createPrinterJob();
        if (job == null) {
            vm.statusProperty().set("No printer is available: export the PDF and print it from a viewer");
            return;
        }
        if (!job.showPrintDialog(stage)) {
            return;
        }
        double width = job.getJobSettings().getPageLayout().getPrintableWidth();
        double height = job.getJobSettings().getPageLayout().getPrintableHeight();
        for (Image page : images) {
            ImageView view = new ImageView(page);
            view.setPreserveRatio(true);
            view.setFitWidth(width);
            view.setFitHeight(height);
            if (!job.printPage(view)) {
                vm.statusProperty().set("Printing failed: " + job.getJobStatus());
                return;
            }
        }
        job.endJob();
        vm.statusProperty().set("Sent " + vm.pages().size() + " pages to the printer");
    }
}

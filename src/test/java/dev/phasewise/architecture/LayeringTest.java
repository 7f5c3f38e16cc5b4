package dev.phasewise.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering, checked on the compiled classes: only ui uses JavaFX, only cli uses picocli,
 * the core never opens a connection (the catalog reaches analysis and plan as a schema model),
 * and lower layers never reach up.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.phasewise");
    }

    @Test
    void onlyUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.phasewise.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void onlyCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.phasewise.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..").check(classes);
    }

    @Test
    void analysisAndPlanNeverTouchTheDatabase() {
        noClasses().that().resideInAnyPackage("dev.phasewise.analysis..", "dev.phasewise.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..",
                        "com.zaxxer..", "dev.phasewise.db..", "dev.phasewise.run..")
                .check(classes);
    }

    @Test
    void analysisDoesNotKnowPlans() {
        noClasses().that().resideInAPackage("dev.phasewise.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.phasewise.plan..", "dev.phasewise.cli..",
                        "dev.phasewise.ui..", "dev.phasewise.runbook..")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnCliOrUi() {
        noClasses().that().resideInAnyPackage("dev.phasewise.analysis..", "dev.phasewise.plan..",
                        "dev.phasewise.db..", "dev.phasewise.run..", "dev.phasewise.runbook..", "dev.phasewise.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.phasewise.cli..", "dev.phasewise.ui..")
                .check(classes);
    }

    @Test
    void coreDoesNotPrintToStandardStreams() {
        noClasses().that().resideOutsideOfPackages("dev.phasewise.cli..", "dev.phasewise.ui..")
                .and().doNotHaveFullyQualifiedName("dev.phasewise.Launcher")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(classes);
    }

    /**
     * The whole order: analysis < plan < db < run < runbook < (cli, ui), each layer reaching only
     * down. The sandbox stands apart: it knows none of them and only the front ends start it.
     */
    @Test
    void layersReachOnlyDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("analysis").definedBy("dev.phasewise.analysis..")
                .layer("plan").definedBy("dev.phasewise.plan..")
                .layer("db").definedBy("dev.phasewise.db..")
                .layer("run").definedBy("dev.phasewise.run..")
                .layer("runbook").definedBy("dev.phasewise.runbook..")
                .layer("sandbox").definedBy("dev.phasewise.sandbox..")
                .layer("cli").definedBy("dev.phasewise.cli..")
                .layer("ui").definedBy("dev.phasewise.ui..")
                .whereLayer("ui").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("sandbox").mayOnlyBeAccessedByLayers("cli", "ui")
                .whereLayer("runbook").mayOnlyBeAccessedByLayers("cli", "ui")
                .whereLayer("run").mayOnlyBeAccessedByLayers("runbook", "cli", "ui")
                .whereLayer("db").mayOnlyBeAccessedByLayers("run", "runbook", "cli", "ui")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("db", "run", "runbook", "cli", "ui")
                .check(classes);
    }

    /**
     * No two top-level packages need each other, whatever the layer rule above allows. (Inside a
     * layer, a package and its sub-packages still refer to each other, e.g. analysis and
     * analysis.sql: docs/architecture.md lists those.)
     */
    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.phasewise.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * The runner uses the backfill engine, never the other way round; what both need (which
     * SQLSTATEs are transient, the back-off) lives in run.retry, which needs neither.
     */
    @Test
    void backfillAndRetryNeverReachTheRunner() {
        noClasses().that().resideInAnyPackage("dev.phasewise.run.backfill..", "dev.phasewise.run.retry..")
                .should().dependOnClassesThat().resideInAPackage("dev.phasewise.run")
                .check(classes);
        noClasses().that().resideInAPackage("dev.phasewise.run.retry..")
                .should().dependOnClassesThat().resideInAPackage("dev.phasewise.run.backfill..")
                .check(classes);
    }

    /**
     * View models are the window's logic without the window: JavaFX properties and collections,
     * but no nodes, images, animations or stages, so that plain JUnit tests them without a display.
     * The same for the window's state in ui.window (the theme choice, the recent files, run requests).
     */
    @Test
    void viewModelsHoldNoToolkitTypes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel").or().resideInAPackage("dev.phasewise.ui.window..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.animation..",
                        "javafx.stage..", "javafx.embed..", "javafx.application..", "javafx.print..")
                .check(classes);
    }

    /** Views never talk to the database themselves: their view model or a task of it does. */
    @Test
    void viewsDoNotUseJdbc() {
        noClasses().that().resideInAPackage("dev.phasewise.ui..").and().haveSimpleNameEndingWith("View")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..")
                .check(classes);
    }

    /**
     * Inside ui, the packages reach only down: the toolkit helpers in ui itself (tasks, timers, CSS
     * names, icons), the documents and their analysis (ui.model), the connection and the run state
     * (ui.conn, ui.run), the window's state that every view binds to (ui.window), the views, and on
     * top ui.app, which composes the window and launches it. {@code ui.(*)..} slices alone would
     * miss the classes directly in ui, hence the layers.
     */
    @Test
    void uiLayersReachOnlyDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("toolkit").definedBy("dev.phasewise.ui")
                .layer("model").definedBy("dev.phasewise.ui.model..")
                .layer("parts").definedBy("dev.phasewise.ui.conn..", "dev.phasewise.ui.run..")
                .layer("window").definedBy("dev.phasewise.ui.window..")
                .layer("views").definedBy(UI_VIEWS)
                .layer("app").definedBy("dev.phasewise.ui.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("views").mayOnlyBeAccessedByLayers("app")
                .whereLayer("window").mayOnlyBeAccessedByLayers("views", "app")
                .whereLayer("parts").mayOnlyBeAccessedByLayers("window", "views", "app")
                .whereLayer("model").mayOnlyBeAccessedByLayers("parts", "window", "views", "app")
                .check(classes);
    }

    /** The views in ui each stand alone: the window (ui.app) puts them side by side, none uses another. */
    private static final String[] UI_VIEWS = {"dev.phasewise.ui.explain..", "dev.phasewise.ui.facts..",
            "dev.phasewise.ui.runbook..", "dev.phasewise.ui.step..", "dev.phasewise.ui.timeline..",
            "dev.phasewise.ui.trace.."};

    @Test
    void uiViewsDoNotUseEachOther() {
        for (String view : UI_VIEWS) {
            String[] others = Arrays.stream(UI_VIEWS).filter(v -> !v.equals(view)).toArray(String[]::new);
            noClasses().that().resideInAPackage(view)
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
        }
    }

    /** And whatever the rules above allow, no two ui packages need each other. */
    @Test
    void uiPackagesHaveNoCycles() {
        slices().matching("dev.phasewise.ui.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Inside plan, the parts reach only down: the plan (phases, gates, files) holds steps, a step
     * returns its SQL as data (plan.sql), and that data knows neither.
     */
    @Test
    void planPartsReachOnlyDown() {
        noClasses().that().resideInAPackage("dev.phasewise.plan.steps")
                .should().dependOnClassesThat().resideInAPackage("dev.phasewise.plan").check(classes);
        noClasses().that().resideInAPackage("dev.phasewise.plan.sql")
                .should().dependOnClassesThat().resideInAnyPackage("dev.phasewise.plan", "dev.phasewise.plan.steps")
                .check(classes);
    }
}

package dev.phasewise.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
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
    void analysisPlanAndConvertNeverTouchTheDatabase() {
        noClasses().that().resideInAnyPackage("dev.phasewise.analysis..", "dev.phasewise.plan..",
                        "dev.phasewise.convert..")
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
                        "dev.phasewise.convert..", "dev.phasewise.django..", "dev.phasewise.db..",
                        "dev.phasewise.run..", "dev.phasewise.runbook..", "dev.phasewise.sandbox..")
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
     * The whole order: analysis < plan < convert < django (a project's own Django, run as a process) < db < run < runbook < (cli, ui), each layer reaching
     * only down. The sandbox stands apart: it knows none of them and only the front ends start it.
     */
    @Test
    void layersReachOnlyDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("analysis").definedBy("dev.phasewise.analysis..")
                .layer("plan").definedBy("dev.phasewise.plan..")
                .layer("convert").definedBy("dev.phasewise.convert..")
                .layer("django").definedBy("dev.phasewise.django..")
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
                .whereLayer("django").mayOnlyBeAccessedByLayers("cli", "ui")
                .whereLayer("db").mayOnlyBeAccessedByLayers("run", "runbook", "cli", "ui")
                .whereLayer("convert").mayOnlyBeAccessedByLayers("django", "db", "run", "runbook", "cli", "ui")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("convert", "django", "db", "run", "runbook", "cli", "ui")
                .check(classes);
    }

    /**
     * What the jar was built for is asked by the sandbox and the ui before they load natives, so it
     * must be loadable on any platform: it knows no other package, and no library.
     */
    @Test
    void platformStandsAlone() {
        noClasses().that().resideInAPackage("dev.phasewise.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.phasewise.analysis..", "dev.phasewise.plan..",
                        "dev.phasewise.convert..", "dev.phasewise.django..", "dev.phasewise.db..", "dev.phasewise.run..",
                        "dev.phasewise.runbook..", "dev.phasewise.sandbox..", "dev.phasewise.cli..", "dev.phasewise.ui..",
                        "javafx..", "io.zonky..", "picocli..")
                .check(classes);
    }

    /**
     * No two top-level packages need each other, whatever the layer rule above allows. (Inside a
     * layer, a package and its sub-packages may still refer to each other, e.g. ui.app and the
     * views: docs/architecture.md lists those; analysis and plan are checked below.)
     */
    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.phasewise.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Inside analysis, the parts reach only down: what PostgreSQL is (pg: lock modes, server
     * versions) and the tokens (parse) at the bottom, then the statements (sql), what exists
     * before a migration (schema), what a statement costs a table (cost), the rules and their
     * findings (rules), the facade that runs them (the analysis package itself), and the reports
     * (output) on top.
     */
    @Test
    void analysisPartsReachOnlyDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("pg").definedBy("dev.phasewise.analysis.pg..")
                .layer("parse").definedBy("dev.phasewise.analysis.parse..")
                .layer("sql").definedBy("dev.phasewise.analysis.sql..")
                .layer("schema").definedBy("dev.phasewise.analysis.schema..")
                .layer("cost").definedBy("dev.phasewise.analysis.cost..")
                .layer("rules").definedBy("dev.phasewise.analysis.rules..")
                .layer("facade").definedBy("dev.phasewise.analysis")
                .layer("output").definedBy("dev.phasewise.analysis.output..")
                .whereLayer("output").mayNotBeAccessedByAnyLayer()
                .whereLayer("facade").mayOnlyBeAccessedByLayers("output")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("facade", "output")
                .whereLayer("cost").mayOnlyBeAccessedByLayers("rules", "facade", "output")
                .whereLayer("schema").mayOnlyBeAccessedByLayers("cost", "rules", "facade", "output")
                .whereLayer("sql").mayOnlyBeAccessedByLayers("schema", "cost", "rules", "facade", "output")
                .whereLayer("parse").mayOnlyBeAccessedByLayers("sql", "schema", "cost", "rules", "facade", "output")
                .whereLayer("pg").mayOnlyBeAccessedByLayers("parse", "sql", "schema", "cost", "rules", "facade",
                        "output")
                .check(classes);
    }

    /**
     * No two packages of analysis need each other, the analysis package itself included (a
     * {@code analysis.(*)..} slice pattern would leave its classes out, and the old cycles all ran
     * through it).
     */
    @Test
    void analysisPackagesHaveNoCycles() {
        slices().assignedFrom(new AnalysisPackages()).should().beFreeOfCycles().check(classes);
    }

    /** One slice per package of analysis: the analysis package itself, and each sub-package with what is under it. */
    private static final class AnalysisPackages implements SliceAssignment {
        private static final String ROOT = "dev.phasewise.analysis";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(ROOT)) {
                return SliceIdentifier.of("analysis");
            }
            if (pkg.startsWith(ROOT + ".")) {
                String sub = pkg.substring(ROOT.length() + 1);
                int dot = sub.indexOf('.');
                return SliceIdentifier.of("analysis." + (dot < 0 ? sub : sub.substring(0, dot)));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.phasewise.analysis";
        }
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
    private static final String[] UI_VIEWS = {"dev.phasewise.ui.django..", "dev.phasewise.ui.explain..", "dev.phasewise.ui.facts..",
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

package dev.phasewise.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}

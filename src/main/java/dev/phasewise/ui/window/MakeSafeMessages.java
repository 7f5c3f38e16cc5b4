package dev.phasewise.ui.window;

import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.SafeSeries;
import dev.phasewise.plan.Plan;

/**
 * What the status line says at each turn of Make it safe, for a SQL document and for a Django
 * migration: the sentences alone, so that the view model keeps only the order of things.
 */
final class MakeSafeMessages {
    private MakeSafeMessages() {
    }

    static String alreadyAPlan(String document) {
        return "Make it safe converts a SQL document; " + document + " is already a plan";
    }

    static String making(String document) {
        return "Making " + document + " safe…";
    }

    static String makingDjango(DjangoMigration m) {
        return "Making " + m.label() + " safe as Django migrations (the project's Django writes them)…";
    }

    static String djangoSqlEdited(DjangoMigration m) {
        return "Not made safe: " + m.label() + " is made safe as the project has it, and its SQL was edited "
                + "here; undo the edits (or change the migration's .py and open it again)";
    }

    static String failed(String failure) {
        return "Make it safe failed: " + failure + "; nothing changed";
    }

    static String changedMeanwhile() {
        return "Not made safe: the document changed while it was converted; try again";
    }

    static String cannot(String firstError) {
        return "Cannot make it safe (nothing changed): " + firstError;
    }

    static String nothingToDo(DjangoMigration m) {
        return "Nothing to make safe in " + m.label() + ": every statement is safe as written, or none is one the "
                + "converter can cure; nothing changed";
    }

    /** After a conversion: how many statements became how many steps, and what Save and Undo will do. */
    static String made(MakeSafe.Result result, Plan converted, String document) {
        long risky = result.conversion().stillRisky().size();
        String made = "Made safe: " + result.conversion().account().size() + " statements became "
                + converted.steps().size() + " steps" + (risky == 0 ? "" : ", " + risky + " still risky");
        if (result.django() != null) {
            return made + " in " + result.django().series().size() + " Django migrations; Save writes them in place of "
                    + result.django().original().label() + ", with " + document
                    + " beside them; Undo brings the statements back";
        }
        return made + "; Save writes " + document + ", Undo brings the statements back";
    }

    static String seriesOutdated() {
        return "the plan was edited after Make it safe, and the Django migrations were written from the plan as "
                + "converted: undo the edits to write them, or Save as… to write the plan alone";
    }

    static String wrote(SafeSeries safe, int files) {
        return "Wrote " + safe.series().size() + " Django migrations in place of " + safe.original().label() + " ("
                + files + " files, the original removed): migrate them one at a time, with the deploy gates between "
                + "them, or rehearse " + safe.planFile().getFileName() + " on staging";
    }
}

package dev.phasewise.ui.step;

import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.Step;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The step kinds a user can add, taken from the sealed {@link Step} interface (a new kind appears
 * here without code), and a new step of a kind with sensible defaults: the table of the step the
 * user is looking at, the key and batch size a backfill usually wants. Everything else is left
 * empty for the form, which says what is missing.
 */
public final class StepKinds {
    private StepKinds() {
    }

    /** A kind as the chooser lists it: its plan-file name and its record class. */
    public record Kind(String name, Class<? extends Step> type) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Kind> all() {
        return Arrays.stream(Step.class.getPermittedSubclasses())
                .map(c -> (Class<? extends Step>) c)
                .map(c -> new Kind(Step.kindOf(c), c))
                .sorted(Comparator.comparing(Kind::name))
                .toList();
    }

    public static Kind of(String name) {
        return all().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step kind " + name));
    }

    /**
     * A new step of the kind: the context step's table when both have one, and defaults per kind.
     *
     * @param context the selected step, or null
     */
    public static Step withDefaults(Class<? extends Step> type, Step context) {
        String table = context == null ? null : stringComponent(context, "table");
        if (type == Backfill.class || type == BatchedDelete.class) {
            return blank(type, Map.of("table", orNull(table), "key", "id", "batchRows", Backfill.DEFAULT_BATCH_ROWS));
        }
        if (type == CreateIndex.class) {
            return blank(type, Map.of("table", orNull(table), "unique", false));
        }
        return blank(type, Map.of("table", orNull(table)));
    }

    private static Object orNull(String s) {
        return s == null ? NONE : s;
    }

    /** Map.of takes no nulls: this stands for "leave empty". */
    private static final Object NONE = new Object();

    private static Step blank(Class<? extends Step> type, Map<String, Object> values) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            Object v = values.get(comps[i].getName());
            args[i] = v == NONE ? null : v;
        }
        try {
            Constructor<? extends Step> ctor = type.getDeclaredConstructor(
                    Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a new " + type.getSimpleName(), e);
        }
    }

    private static String stringComponent(Step step, String name) {
        for (RecordComponent c : step.getClass().getRecordComponents()) {
            if (c.getName().equals(name) && c.getType() == String.class) {
                try {
                    return (String) c.getAccessor().invoke(step);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}

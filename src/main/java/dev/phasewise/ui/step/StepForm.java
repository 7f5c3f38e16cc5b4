package dev.phasewise.ui.step;

import dev.phasewise.plan.steps.Step;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A form for any step kind, built from the step record's components (a step is plain data), so a
 * new kind needs no form code. Lists are comma-separated; empty fields are omitted (null).
 */
public final class StepForm extends Dialog<Step> {
    private final Map<String, TextInputControl> fields = new LinkedHashMap<>();
    private final Label problems = new Label();

    public StepForm(Step step) {
        this(step, "Edit step " + step.id(), step.kind() + ": " + step.title(), s -> List.of());
    }

    /**
     * The form for a step being added: the same fields, and its id must not be one the plan already
     * has (ids name steps in runs and checkpoints).
     */
    public static StepForm forNew(Step blank, Predicate<String> idTaken) {
        return new StepForm(blank, "Add step", "New " + blank.kind() + " step",
                s -> idTaken.test(s.id()) ? List.of("The plan already has a step with id \"" + s.id()
                        + "\": give this one an id of its own") : List.of());
    }

    private StepForm(Step step, String title, String header, Function<Step, List<String>> extra) {
        setTitle(title);
        setHeaderText(header);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        int row = 0;
        for (RecordComponent c : step.getClass().getRecordComponents()) {
            Object value = read(c, step);
            TextInputControl field = c.getName().toLowerCase().endsWith("sql") || c.getName().equals("expression")
                    ? new TextArea(text(value)) : new TextField(text(value));
            field.setId("field-" + c.getName());
            if (field instanceof TextArea a) {
                a.setPrefRowCount(4);
                a.setPrefColumnCount(50);
            } else {
                ((TextField) field).setPrefColumnCount(40);
            }
            fields.put(c.getName(), field);
            g.addRow(row++, new Label(c.getName()), field);
        }
        problems.setWrapText(true);
        problems.setMaxWidth(480);
        g.add(problems, 0, row, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            try {
                Step built = build(step.getClass());
                List<String> p = new ArrayList<>(built.problems());
                p.addAll(extra.apply(built));
                if (!p.isEmpty()) {
                    problems.setText(String.join("\n", p));
                    e.consume();
                }
            } catch (RuntimeException ex) {
                problems.setText(ex.getMessage());
                e.consume();
            }
        });
        setResultConverter(bt -> bt == ButtonType.OK ? build(step.getClass()) : null);
    }

    /** Fills the named field (for tests and keyboard users). */
    public void set(String component, String value) {
        TextInputControl f = fields.get(component);
        if (f != null) {
            f.setText(value);
        }
    }

    public Step build(Class<? extends Step> kind) {
        RecordComponent[] comps = kind.getRecordComponents();
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            args[i] = parse(comps[i], fields.get(comps[i].getName()).getText());
        }
        try {
            Constructor<? extends Step> ctor = kind.getDeclaredConstructor(
                    Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(cause.getMessage(), cause);
        }
    }

    private static Object read(RecordComponent c, Step step) {
        try {
            // the record's field, not the accessor: id() and title() derive defaults that are not in the plan
            var f = step.getClass().getDeclaredField(c.getName());
            f.setAccessible(true);
            return f.get(step);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    private static Object parse(RecordComponent c, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        Class<?> type = c.getType();
        if (type == Integer.class) {
            try {
                return Integer.valueOf(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(c.getName() + " must be a whole number, not \"" + t + "\"");
            }
        }
        if (type == Double.class) {
            try {
                return Double.valueOf(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(c.getName() + " must be a number, not \"" + t + "\"");
            }
        }
        if (type == Boolean.class) {
            return Boolean.valueOf(t);
        }
        if (type == List.class && c.getGenericType() instanceof ParameterizedType) {
            List<String> out = new ArrayList<>();
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        return c.getName().toLowerCase().endsWith("sql") ? text : t;
    }
}

package dev.phasewise.ui.model;

import dev.phasewise.django.SafeSeries;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.PhaseBlock;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open document: a plan (read from a plan file, or built from a SQL file as one expand phase of
 * raw statements), where it lives, and its edit history. Plans are immutable records, so every edit
 * is a new plan and undo is a stack of the old ones. No JavaFX here: the view model observes it.
 */
public final class PlanDocument {
    public enum Kind { PLAN, SQL }

    private static final int UNDO_LIMIT = 200;

    /**
     * What an edit can change: the plan, and with "Make it safe" also what the document is (a SQL file
     * becomes a plan with no file yet, so that Save asks for a .plan.yaml instead of overwriting the SQL).
     */
    private record State(Kind kind, String displayName, Path file, Plan plan, SafeSeries djangoSeries) {
        State(Kind kind, String displayName, Path file, Plan plan) {
            this(kind, displayName, file, plan, null);
        }
    }

    private final boolean sample;
    private final Path origin;
    private final String source;
    private final DjangoSource django;
    private State state;
    private State saved;
    private final Deque<State> undo = new ArrayDeque<>();
    private final Deque<State> redo = new ArrayDeque<>();

    public PlanDocument(Kind kind, String displayName, Path file, boolean sample, Plan plan) {
        this(kind, displayName, file, sample, plan, null);
    }

    /** @param source the text the document was read from (a SQL file's, with its comments and line numbers), or null */
    public PlanDocument(Kind kind, String displayName, Path file, boolean sample, Plan plan, String source) {
        this(kind, displayName, file, sample, plan, source, null);
    }

    /** @param django the Django project and migration the document was opened from, or null */
    public PlanDocument(Kind kind, String displayName, Path file, boolean sample, Plan plan, String source,
                        DjangoSource django) {
        this.sample = sample;
        this.origin = file;
        this.source = source;
        this.django = django;
        this.state = new State(kind, displayName, file, plan);
        this.saved = state;
    }

    public Kind kind() {
        return state.kind();
    }

    public String displayName() {
        return state.file() != null ? state.file().getFileName().toString() : state.displayName();
    }

    public Optional<Path> file() {
        return Optional.ofNullable(state.file());
    }

    /** The file the document was opened from, even after it became a plan with no file yet (its schema.sql is beside it). */
    public Optional<Path> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * The SQL to convert or analyse as a file: the text as opened while the statements are still those of
     * that text (so that line numbers are the file's), else the statements as Save would write them.
     */
    public String sqlSource() {
        if (source != null && Documents.sqlPlan(state.displayName(), source).equals(plan())) {
            return source;
        }
        return sqlText(plan());
    }

    /** Opened from a Django project: a migration's SQL, analysed with the earlier migrations as its schema. */
    public Optional<DjangoSource> django() {
        return Optional.ofNullable(django);
    }

    /** Opened from the samples shipped in the jar: has no file until saved as one. */
    public boolean sample() {
        return sample;
    }

    public Plan plan() {
        return state.plan();
    }

    public boolean dirty() {
        return !state.plan().equals(saved.plan()) || state.kind() != saved.kind();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Replaces the plan with an edited one, keeping the old one for undo. */
    public void edit(Plan edited) {
        if (edited.equals(state.plan())) {
            return;
        }
        push(new State(state.kind(), state.displayName(), state.file(), edited, state.djangoSeries()));
    }

    /**
     * A SQL document becomes the phased plan it was converted to, as one undoable edit: a plan document
     * named {@code name} with no file, so that Save asks where to write the plan file.
     */
    public void becomePlan(Plan converted, String name) {
        push(new State(Kind.PLAN, name, null, converted));
    }

    /**
     * A Django migration made safe: the plan, and the Django migrations Save writes in place of the original
     * (one undoable edit, like {@link #becomePlan(Plan, String)}).
     */
    public void becomeDjangoSeries(Plan converted, String name, SafeSeries series) {
        push(new State(Kind.PLAN, name, null, converted, series));
    }

    /**
     * The Django migrations Save writes: present after Make it safe on a Django migration until they are
     * written, and only while the plan is the one they were rendered from (an edited plan would not match them).
     */
    public Optional<SafeSeries> pendingDjangoSeries() {
        return Optional.ofNullable(state.djangoSeries()).filter(s -> s.conversion().plan().equals(state.plan()));
    }

    /** Made safe as Django migrations, and the plan edited since: the rendered migrations no longer match it. */
    public boolean djangoSeriesOutdated() {
        return state.djangoSeries() != null && !state.djangoSeries().conversion().plan().equals(state.plan());
    }

    /** The Django migrations were written, the plan beside them: the document is that plan file, saved. */
    public void wroteDjangoSeries(Path planFile) {
        state = new State(Kind.PLAN, state.displayName(), planFile, state.plan());
        saved = state;
    }

    private void push(State next) {
        undo.push(state);
        if (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        state = next;
    }

    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(state);
        state = undo.pop();
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(state);
        state = redo.pop();
        return true;
    }

    /** The text this document saves: plan YAML, or the SQL statements in order. */
    public String text() {
        return kind() == Kind.PLAN ? PlanFiles.toYaml(plan()) : sqlText(plan());
    }

    public void saveTo(Path target) throws IOException {
        if (kind() == Kind.PLAN) {
            PlanFiles.write(target, plan());
        } else {
            Files.writeString(target, sqlText(plan()), StandardCharsets.UTF_8);
        }
        state = new State(state.kind(), state.displayName(), target, state.plan());
        saved = state;
    }

    /** The SQL of a SQL document: each statement step's text, terminated, one blank line between. */
    public static String sqlText(Plan plan) {
        StringBuilder b = new StringBuilder();
        for (Plan.Placed p : plan.steps()) {
            if (p.step() instanceof RawSql r && r.sql() != null) {
                String s = r.sql().strip();
                b.append(s).append(s.endsWith(";") ? "" : ";").append("\n\n");
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    // ---- edits as pure functions of a plan ----

    public static Plan replaceStep(Plan plan, Step old, Step replacement) {
        return mapSteps(plan, (phase, steps) -> {
            int i = indexOf(steps, old);
            if (i >= 0) {
                steps.set(i, replacement);
            }
        });
    }

    /**
     * Adds a step to a phase: right after {@code after} when that step is in the phase, else at the
     * phase's end.
     */
    public static Plan insertStep(Plan plan, Phase phase, Step after, Step added) {
        return mapSteps(plan, (p, steps) -> {
            if (p == phase) {
                int i = after == null ? -1 : indexOf(steps, after);
                steps.add(i >= 0 ? i + 1 : steps.size(), added);
            }
        });
    }

    public static Plan deleteStep(Plan plan, Step step) {
        return mapSteps(plan, (phase, steps) -> {
            int i = indexOf(steps, step);
            if (i >= 0) {
                steps.remove(i);
            }
        });
    }

    /** Moves a step up (delta -1) or down (+1) within its phase; unchanged at the phase's ends. */
    public static Plan moveStep(Plan plan, Step step, int delta) {
        return mapSteps(plan, (phase, steps) -> {
            int i = indexOf(steps, step);
            int j = i + delta;
            if (i >= 0 && j >= 0 && j < steps.size()) {
                steps.set(i, steps.get(j));
                steps.set(j, step);
            }
        });
    }

    public static Optional<Phase> phaseOf(Plan plan, Step step) {
        for (Phase p : Phase.inOrder()) {
            if (indexOf(plan.phase(p).steps(), step) >= 0) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static int indexOf(List<Step> steps, Step step) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) == step) {
                return i;
            }
        }
        return steps.indexOf(step);
    }

    private interface StepsEdit {
        void apply(Phase phase, List<Step> steps);
    }

    private static Plan mapSteps(Plan plan, StepsEdit edit) {
        Map<Phase, PhaseBlock> phases = new LinkedHashMap<>();
        for (Phase p : Phase.inOrder()) {
            PhaseBlock block = plan.phase(p);
            List<Step> steps = new ArrayList<>(block.steps());
            edit.apply(p, steps);
            phases.put(p, new PhaseBlock(steps, block.gate()));
        }
        return new Plan(plan.version(), plan.name(), plan.description(), plan.target(), plan.lockTimeout(),
                plan.statementTimeout(), phases);
    }
}

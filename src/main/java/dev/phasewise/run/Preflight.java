package dev.phasewise.run;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaApplier;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a plan against the database before a run writes anything: every action's SQL parses (the
 * analysis parser), every table a step names exists (in the catalog, or created by an earlier step), and
 * so do the columns it reads. The schema model advances step by step as the plan would change it, so a
 * column the expand phase adds is known to the contract phase. A backfill's SET and WHERE are checked,
 * through {@link BackfillCheck}, against its table as the model has it at that step. Problems name the
 * plan file, the step's line and the step.
 */
final class Preflight {
    private Preflight() {
    }

    /** Checks a batched step's expressions against its table as it will be when the step runs; returns problems. */
    interface BackfillCheck {
        BackfillCheck NONE = (step, table) -> List.of();

        List<String> check(BatchedStep step, Relation table);
    }

    static List<String> check(Plan plan, String file, PlanLocations where, SchemaModel schema) {
        return check(plan, file, where, schema, BackfillCheck.NONE);
    }

    static List<String> check(Plan plan, String file, PlanLocations where, SchemaModel schema,
                              BackfillCheck backfills) {
        List<String> problems = new ArrayList<>();
        SchemaModel model = schema.copy();
        SchemaApplier applier = new SchemaApplier(model, true);
        for (Phase phase : Phase.inOrder()) {
            List<Step> steps = plan.phase(phase).steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                int line = where.line(phase.label(), i);
                String prefix = (file == null ? plan.name() : file) + (line > 0 ? ":" + line : "") + ": "
                        + phase.label() + " step " + step.id() + ": ";
                List<String> mine = new ArrayList<>();
                references(step, model, mine);
                List<Command> commands = new ArrayList<>();
                List<Action> actions;
                try {
                    actions = step.forward();
                } catch (IllegalArgumentException e) {
                    mine.add(e.getMessage());
                    actions = List.of();
                }
                for (Action a : actions) {
                    List<SourceProblem> sp = new ArrayList<>();
                    for (Statement s : Splitter.split(a.sql(), sp)) {
                        Command c = CommandParser.parse(s);
                        if (c instanceof Command.Invalid inv) {
                            mine.add("action " + a.id() + ": the SQL does not parse: " + inv.message() + " in: "
                                    + oneLine(a.sql()));
                        } else {
                            commands.add(c);
                        }
                    }
                    sp.stream().filter(SourceProblem::error).forEach(p -> mine.add("action " + a.id() + ": "
                            + p.message()));
                }
                if (mine.isEmpty() && step instanceof BatchedStep b) {
                    // only once its table and key are known: one problem at a time is enough
                    model.find(QualifiedName.of(b.table())).ifPresent(r -> mine.addAll(backfills.check(b, r)));
                }
                mine.forEach(m -> problems.add(prefix + m));
                for (Command c : commands) {
                    try {
                        applier.apply(c);
                    } catch (RuntimeException ignored) {
                        // the model cannot follow this statement; later checks may be less precise
                    }
                }
            }
        }
        return problems;
    }

    private static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /** Each table the step reads must exist, with the columns it reads (the step says which: {@link Step#reads()}). */
    private static void references(Step step, SchemaModel model, List<String> out) {
        for (Step.Reference r : step.reads()) {
            if (r.columns().isEmpty()) {
                table(model, r.table(), out);
            } else {
                columns(model, r.table(), r.columns(), out);
            }
        }
    }

    private static Optional<Relation> table(SchemaModel model, String table, List<String> out) {
        if (table == null) {
            return Optional.empty();
        }
        Optional<Relation> r = model.find(QualifiedName.of(table));
        if (r.isEmpty()) {
            out.add("table " + table + " does not exist in the database");
        }
        return r;
    }

    private static void columns(SchemaModel model, String table, List<String> columns, List<String> out) {
        Optional<Relation> r = table(model, table, out);
        if (r.isEmpty() || columns == null) {
            return;
        }
        for (String c : columns) {
            if (c != null && r.get().column(c).isEmpty() && r.get().column(c.toLowerCase(Locale.ROOT))
                    .isEmpty()) {
                out.add("column " + table + "." + c + " does not exist in the database");
            }
        }
    }
}

package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.DurationEstimator;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.BlockStatement;
import dev.phasewise.analysis.parse.CodeBlock;
import dev.phasewise.analysis.parse.Fragment;
import dev.phasewise.analysis.parse.PlpgsqlReader;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.FileContext;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.FindingSink;
import dev.phasewise.analysis.rules.Rule;
import dev.phasewise.analysis.rules.StatementContext;
import dev.phasewise.analysis.rules.TransactionState;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.schema.SchemaApplier;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandKinds;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements inside a {@code DO} block, or inside a procedure's body where {@code CALL} runs it, analysed as
 * the file's own statements are (same locks, same rules, against the schema the earlier statements left) and
 * as one unit: the block runs in one transaction (its own, or the one already open), so what a statement locks
 * stays locked for the statements after it until the block ends. A statement that runs only under an IF, a
 * CASE, in a loop or an exception handler is reported as possible, with the locks it takes when it runs.
 *
 * <p>Remembers the procedures the file creates, so that a later CALL of one is analysed through its body.
 */
final class CodeBlockAnalysis {
    private final PgVersion version;
    private final List<Rule> rules;
    private final String source;
    private final Map<String, CodeBlock> procedures = new HashMap<>();

    /** What the block as a whole did: each relation's strongest lock, and the inner statements' findings. */
    record Outcome(List<TableEffect> effects, List<Finding> findings, List<DurationEstimate> estimates) {
    }

    CodeBlockAnalysis(PgVersion version, List<Rule> rules, String source) {
        this.version = version;
        this.rules = rules;
        this.source = source;
    }

    /**
     * Analyses the code the statement runs, if it is a PL/pgSQL block Phasewise can read. Returns null when it
     * runs no code or code that is not read (another language, a procedure not created in this file, a body the
     * reader could not follow: a note says which), and the statement is analysed as before.
     */
    Outcome analyse(Statement statement, SchemaModel schema, SchemaApplier applier, TransactionState tx,
                    FileContext file, List<SourceProblem> problems, DurationEstimator estimator) {
        CodeBlock routine = CodeBlock.ofCreateRoutine(statement);
        if (routine != null) {
            remember(statement, routine, problems);
            return null;
        }
        CodeBlock block = CodeBlock.ofDo(statement);
        String what = "DO block";
        String called = null;
        if (block == null) {
            called = CodeBlock.calledName(statement);
            block = called == null ? null : procedures.get(called);
            what = "procedure " + called + ", run by this CALL,";
        }
        if (block == null) {
            return null;
        }
        List<BlockStatement> inner = statementsOf(block, statement.index(), what, statement, problems);
        if (inner == null) {
            return null;
        }
        Deque<String> active = new ArrayDeque<>();
        if (called != null) {
            active.push(called);
        }
        return run(expandCalls(inner, statement.index(), active, problems), schema, applier, tx, file, problems,
                estimator);
    }

    /** The statements of a block's code, or null (with a note saying why) when Phasewise cannot read it. */
    private List<BlockStatement> statementsOf(CodeBlock block, int index, String what, Statement at,
                                              List<SourceProblem> problems) {
        boolean sqlProcedure = block.kind().equals("PROCEDURE") && block.language().equals("sql");
        if (!block.plpgsql() && !sqlProcedure) {
            problems.add(SourceProblem.note(at.line(), at.column(), "the " + what + " is in LANGUAGE "
                    + block.language() + ": Phasewise reads only PL/pgSQL, so its statements are not analysed"));
            return null;
        }
        Fragment body = block.code(source);
        if (body == null) {
            problems.add(SourceProblem.note(block.body().line(), block.body().column(), "the " + what
                    + " body is a string constant with an escape PostgreSQL rejects (an invalid \\u or \\U "
                    + "code point), so its statements are not analysed"));
            return null;
        }
        try {
            // a LANGUAGE sql procedure's body (a string or BEGIN ATOMIC ... END) is plain statements
            return sqlProcedure ? PlpgsqlReader.readSql(body, index, null) : PlpgsqlReader.read(body, index);
        } catch (PlpgsqlReader.Unreadable e) {
            problems.add(SourceProblem.note(e.line(), e.column(), "the " + what + " could not be read as PL/pgSQL ("
                    + e.getMessage() + "), so its statements are not analysed"));
            return null;
        }
    }

    /**
     * A CALL inside the code of a procedure created earlier in the file runs that procedure's statements there,
     * in the same transaction: they take its place (possible when the CALL is). A procedure that calls itself,
     * directly or through others, is read once: its statements are already counted where it was entered.
     */
    private List<BlockStatement> expandCalls(List<BlockStatement> inner, int index, Deque<String> active,
                                             List<SourceProblem> problems) {
        List<BlockStatement> out = new ArrayList<>();
        for (BlockStatement b : inner) {
            Statement s = b.statement();
            String name = b.dynamic() == null ? CodeBlock.calledName(s) : null;
            CodeBlock procedure = name == null ? null : procedures.get(name);
            if (procedure == null) {
                out.add(b);
                continue;
            }
            if (active.contains(name)) {
                problems.add(SourceProblem.note(s.line(), s.column(), "procedure " + name + " calls itself here "
                        + "(through " + entered(active) + "): its statements are analysed once, "
                        + "where it was first entered"));
                continue;
            }
            List<BlockStatement> called = statementsOf(procedure, index, "procedure " + name + ", run by the CALL at "
                    + "line " + s.line() + ",", s, problems);
            if (called == null) {
                out.add(b);
                continue;
            }
            active.push(name);
            for (BlockStatement c : expandCalls(called, index, active, problems)) {
                out.add(new BlockStatement(c.statement(), b.possible() ? b.possibleWhy() : c.possibleWhy(),
                        c.dynamic()));
            }
            active.pop();
        }
        return out;
    }

    /**
     * A SQL-standard body ({@code BEGIN ATOMIC ... END}, {@code RETURN expr}; PostgreSQL 14+) is parsed when the
     * routine is created, and parsing locks the tables it names until the transaction ends: ROW EXCLUSIVE on the
     * target of an INSERT / UPDATE / DELETE, ACCESS SHARE on what it reads. Nothing runs, so nothing is scanned.
     * Those locks are added to the statement's own: on the relations the body names, and the tables of the views
     * among them (the body is stored with its views expanded), not on a partitioned table's partitions, which only
     * planning opens (traced: TraceCorpusIT).
     */
    List<TableEffect> withBodyLocks(Statement statement, List<TableEffect> effects, SchemaModel schema) {
        CodeBlock routine = CodeBlock.ofCreateRoutine(statement);
        if (routine == null || !routine.sqlStandardBody()) {
            return effects;
        }
        List<BlockStatement> inner = routine.atomic()
                ? PlpgsqlReader.readSql(routine.code(source), statement.index(), null)
                : PlpgsqlReader.readExpression(routine.returnExpression(statement, source), statement.index());
        Map<Relation, TableEffect> merged = new IdentityHashMap<>();
        Map<Relation, Integer> order = new LinkedHashMap<>();
        for (TableEffect e : effects) {
            order.putIfAbsent(e.relation(), order.size());
            merged.merge(e.relation(), e, CodeBlockAnalysis::stronger);
        }
        for (BlockStatement b : inner) {
            Command c = CommandParser.parse(b.statement());
            if (c instanceof Command.Invalid) {
                continue;
            }
            Set<Relation> named = named(c, schema);
            for (TableEffect e : new LockAnalyzer(schema, version).effects(new Command.Explain(c, false))) {
                if (!isCatalog(e.relation()) && (named == null || named.contains(e.relation()))) {
                    TableEffect parsed = new TableEffect(e.name(), e.relation(), e.lock(), false, false);
                    order.putIfAbsent(e.relation(), order.size());
                    merged.merge(e.relation(), parsed, CodeBlockAnalysis::stronger);
                }
            }
        }
        return new ArrayList<>(order.keySet().stream().map(merged::get).toList());
    }

    /** The relations a DML statement or query names itself, or null for another kind of statement. */
    private static Set<Relation> named(Command c, SchemaModel schema) {
        Set<Relation> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<QualifiedName> names = new ArrayList<>();
        if (c instanceof Command.Update u) {
            names.add(u.table());
            names.addAll(u.reads().relations());
        } else if (c instanceof Command.Delete d) {
            names.add(d.table());
            names.addAll(d.reads().relations());
        } else if (c instanceof Command.Insert i) {
            names.add(i.table());
            names.addAll(i.source().relations());
        } else if (c instanceof Command.Merge m) {
            names.add(m.target());
            names.addAll(m.source().relations());
        } else if (c instanceof Command.Select q) {
            names.addAll(q.query().relations());
        } else if (c instanceof Command.With w) {
            List<Command> parts = new ArrayList<>(w.queries());
            parts.add(w.main());
            for (Command part : parts) {
                Set<Relation> p = named(part, schema);
                if (p == null) {
                    return null;
                }
                out.addAll(p);
            }
            return out;
        } else {
            return null;
        }
        names.forEach(n -> withViewTables(schema.resolve(n), schema, out));
        return out;
    }

    private static void withViewTables(Relation r, SchemaModel schema, Set<Relation> out) {
        if (out.add(r) && r.kind() == RelationKind.VIEW) {
            r.reads().forEach(base -> withViewTables(schema.resolve(base), schema, out));
        }
    }

    private void remember(Statement statement, CodeBlock routine, List<SourceProblem> problems) {
        if (routine.kind().equals("PROCEDURE")) {
            if (routine.hasBody()) {
                procedures.put(routine.name(), routine);
            }
            return;
        }
        problems.add(SourceProblem.note(statement.line(), statement.column(), "the body of function "
                + routine.name() + " runs when the function is called (by a query, a trigger, a default), not when "
                + "it is created: its statements are not analysed here; phasewise trace shows what a migration "
                + "that calls it locks"));
    }

    private Outcome run(List<BlockStatement> inner, SchemaModel schema, SchemaApplier applier, TransactionState tx,
                        FileContext file, List<SourceProblem> problems, DurationEstimator estimator) {
        List<DurationEstimate> estimates = new ArrayList<>();
        Map<Relation, TableEffect> merged = new IdentityHashMap<>();
        Map<Relation, Integer> order = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        int outer = inner.isEmpty() ? 0 : inner.get(0).statement().index();
        tx.beginCodeBlock(outer);
        for (BlockStatement b : inner) {
            Statement s = b.statement();
            Command c = b.dynamic() != null ? new Command.DynamicSql(b.dynamic()) : CommandParser.parse(s, schema.names());
            if (c instanceof Command.Invalid invalid) {
                problems.add(SourceProblem.note(invalid.line(), invalid.column(), "this statement of the code block "
                        + "is not analysed: " + invalid.message()));
                continue;
            }
            if (b.possible()) {
                problems.add(SourceProblem.note(s.line(), s.column(), "possible: this statement runs only "
                        + b.possibleWhy() + "; its locks are counted as if it runs"));
            }
            List<TableEffect> effects = new LockAnalyzer(schema, version).inCodeBlock().effects(c).stream()
                    .filter(e -> !isCatalog(e.relation())).toList();
            List<Finding> here = new ArrayList<>();
            if (!IfExists.doesNothing(c, schema)) {
                StatementContext ctx = new StatementContext(s, c, effects, schema, version, tx, file, true);
                String prefix = b.possible() ? "possibly (" + b.possibleWhy() + "): " : "";
                FindingSink sink = (rule, severity, index, message, fix) -> here.add(
                        new Finding(rule, severity, prefix + message, fix).at(s.line(), s.column()));
                for (Rule rule : rules) {
                    rule.check(ctx, sink);
                }
            }
            for (Suppressions.Suppression sup : Suppressions.read(s.comments(), problems)) {
                here.removeIf(sup::covers);
            }
            findings.addAll(here);
            for (TableEffect e : effects) {
                order.putIfAbsent(e.relation(), order.size());
                merged.merge(e.relation(), e, CodeBlockAnalysis::stronger);
            }
            if (estimator != null) {
                // each statement's own work (an index build is not a scan), against the schema before it
                estimates.addAll(estimator.estimate(c, effects, schema));
            }
            applier.apply(c);
            tx.after(s.index(), c, effects, CommandKinds.isSchemaChange(c), Analyzer.changesRows(c, effects));
        }
        tx.endCodeBlock();
        List<TableEffect> effects = new ArrayList<>(order.keySet().stream().map(merged::get).toList());
        return new Outcome(effects, findings, estimates);
    }

    /**
     * A block's conditions often ask the catalog ({@code IF NOT EXISTS (SELECT FROM information_schema.columns
     * ...)}): a schema without those names would take them for tables of the application.
     */
    private static boolean isCatalog(Relation r) {
        String schemaName = r.name().schema();
        if (schemaName != null) {
            return schemaName.equals("pg_catalog") || schemaName.equals("information_schema");
        }
        return r.name().name().startsWith("pg_") && !r.declared();
    }

    /** The procedures being read, in the order they were entered. */
    private static String entered(Deque<String> active) {
        List<String> names = new ArrayList<>();
        active.descendingIterator().forEachRemaining(names::add);
        return String.join(" -> ", names);
    }

    /** Held together until the block ends: the strongest lock, and any rewrite or scan. */
    private static TableEffect stronger(TableEffect a, TableEffect b) {
        return new TableEffect(a.name(), a.relation(), b.lock().strongerThan(a.lock()) ? b.lock() : a.lock(),
                a.rewrite() || b.rewrite(), a.scan() || b.scan());
    }
}

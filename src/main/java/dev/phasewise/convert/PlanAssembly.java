package dev.phasewise.convert;

import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.PhaseBlock;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan as the rewrites build it, statement by statement. Steps keep the input's order within a
 * phase; a step goes to the phase its rewrite asks for, but never before a step on the same table
 * that must stay ahead of it (a drop, a rename, a backfill, a statement kept as written): each
 * such step raises its tables' floor, so that moving statements between phases never changes what
 * a later statement sees.
 */
final class PlanAssembly {
    private final Dialect dialect;
    private final List<Placed> placed = new ArrayList<>();
    private final Map<String, Phase> floor = new HashMap<>();
    private final Map<Phase, Set<String>> gateItems = new EnumMap<>(Phase.class);
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Integer> columnFills = new HashMap<>();
    private final List<AccountEntry> account = new ArrayList<>();
    private final Set<String> emptyColumns = new HashSet<>();
    private final List<Step> deferred = new ArrayList<>();
    private String file;

    PlanAssembly(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The account entries that follow belong to this file. */
    void startFile(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Dialect dialect() {
        return dialect;
    }

    /** A step id not used yet: the base, else base-2, base-3... */
    String id(String base) {
        String id = base.replaceAll("[^A-Za-z0-9_.-]+", "-");
        for (int n = 2; !ids.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /**
     * Places a step in the phase it asks for, or later when a table it touches was given a later
     * floor by an earlier step. Returns the phase it went to.
     */
    Phase add(Phase wanted, Collection<String> tables, Step step, boolean barrier) {
        Phase phase = wanted;
        for (String t : tables) {
            Phase f = floor.get(t);
            if (f != null && f.compareTo(phase) > 0) {
                phase = f;
            }
        }
        placed.add(new Placed(phase, step));
        if (barrier) {
            for (String t : tables) {
                floor.merge(t, phase, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return phase;
    }

    /** An item of the deploy gate that must be passed before {@code phase} starts. */
    void gateBefore(Phase phase, String item) {
        gateItems.computeIfAbsent(phase, p -> new LinkedHashSet<>()).add(item);
    }

    /** Remembers the backfill that fills a column the plan added, so a later UPDATE of it joins that backfill. */
    void fillsColumn(String table, String column) {
        columnFills.put(table + "." + column, placed.size() - 1);
    }

    /** The backfill that fills this column, when the plan already has one. */
    Optional<Backfill> columnFill(String table, String column) {
        Integer at = columnFills.get(table + "." + column);
        return at == null ? Optional.empty() : Optional.of((Backfill) placed.get(at).step());
    }

    /** Replaces the backfill that fills this column (a later UPDATE gives it its value). */
    void replaceColumnFill(String table, String column, Backfill replacement) {
        int at = columnFills.get(table + "." + column);
        placed.set(at, new Placed(placed.get(at).phase(), replacement));
    }

    /** A column the plan added nullable and without a default: its existing rows hold NULL until filled. */
    void trackEmptyColumn(String table, String column) {
        emptyColumns.add(table + "." + column);
    }

    boolean isEmptyColumn(String table, String column) {
        return emptyColumns.contains(table + "." + column);
    }

    /**
     * A contract step that must come after everything the input does to the table (NOT NULL of a column a
     * later UPDATE fills, the VALIDATE of a constraint added earlier): placed when the input ends.
     */
    void deferToEnd(Step step, Became became) {
        deferred.add(step);
        became.note(Phase.CONTRACT.label() + ": " + step.kind() + " " + step.id() + " - " + step.title());
    }

    void account(AccountEntry entry) {
        account.add(entry);
    }

    List<AccountEntry> account() {
        return account;
    }

    Plan build(String name, String description, String target) {
        Map<Phase, List<Step>> steps = new EnumMap<>(Phase.class);
        for (Phase p : Phase.inOrder()) {
            steps.put(p, new ArrayList<>());
        }
        for (Placed p : placed) {
            steps.get(p.phase()).add(p.step());
        }
        steps.get(Phase.CONTRACT).addAll(deferred);
        // the gate before a phase sits on the block before it; with an empty backfill phase, the contract's
        // gate joins the expand gate, so that no gate guards an empty phase. With nothing before the contract
        // phase (a plan of renames or drops only), the gate still sits on the empty expand block: the runner
        // asks it before the contract phase starts, and without it the contract's checklist would be lost
        Set<String> beforeBackfill = new LinkedHashSet<>(gateItems.getOrDefault(Phase.BACKFILL, Set.of()));
        Set<String> beforeContract = new LinkedHashSet<>(gateItems.getOrDefault(Phase.CONTRACT, Set.of()));
        boolean backfills = !steps.get(Phase.BACKFILL).isEmpty();
        boolean contracts = !steps.get(Phase.CONTRACT).isEmpty();
        Gate expandGate = null;
        Gate backfillGate = null;
        if (backfills || contracts) {
            Set<String> items = new LinkedHashSet<>(beforeBackfill);
            if (!backfills) {
                items.addAll(beforeContract);
            }
            if (!items.isEmpty() && (!steps.get(Phase.EXPAND).isEmpty() || !backfills)) {
                expandGate = new Gate(backfills ? "Deploy 1: the application works with the expanded schema"
                        : steps.get(Phase.EXPAND).isEmpty() ? "Deploy 1: the application is ready for the contract phase"
                        : "Deploy 1: the application no longer needs what the contract phase removes",
                        List.copyOf(items));
            } else if (!items.isEmpty()) {
                beforeContract.addAll(items);
            }
        }
        if (backfills && contracts && !beforeContract.isEmpty()) {
            backfillGate = new Gate("Deploy 2: the application is ready for the contract phase",
                    List.copyOf(beforeContract));
        }
        Map<Phase, PhaseBlock> blocks = new EnumMap<>(Phase.class);
        blocks.put(Phase.EXPAND, new PhaseBlock(steps.get(Phase.EXPAND), expandGate));
        blocks.put(Phase.BACKFILL, new PhaseBlock(steps.get(Phase.BACKFILL), backfillGate));
        blocks.put(Phase.CONTRACT, new PhaseBlock(steps.get(Phase.CONTRACT), null));
        return new Plan(Plan.FORMAT_VERSION, name, description, target, "2s", null, blocks);
    }

    private record Placed(Phase phase, Step step) {
    }
}

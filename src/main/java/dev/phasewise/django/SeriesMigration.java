package dev.phasewise.django;

import dev.phasewise.plan.Phase;

import java.util.List;

/**
 * One Django migration of a made-safe series: its name, the phase it belongs to, whether Django
 * runs it in one transaction, what the developer must do before the next one (the plan's deploy
 * gate, or null), and its operations. The last of a series also carries the original migration's
 * model state ({@code stateAtEnd}): the model changes once, when the database has become what the
 * original migration made.
 */
public record SeriesMigration(String name, Phase phase, boolean atomic, List<SeriesOperation> operations,
                              String gateAfter, List<String> checklist, boolean stateAtEnd) {
    public SeriesMigration {
        operations = List.copyOf(operations);
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }
}

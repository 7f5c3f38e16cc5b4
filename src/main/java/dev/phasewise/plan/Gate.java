package dev.phasewise.plan;

import java.util.List;

/** A deploy gate after a phase: the run stops here until every checklist item is confirmed. */
public record Gate(String name, List<String> checklist) {
    public Gate {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }
}

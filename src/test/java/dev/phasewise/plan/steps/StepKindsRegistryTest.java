package dev.phasewise.plan.steps;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each step kind names itself once; the plan files and the window read that name. */
class StepKindsRegistryTest {
    @Test
    void everyPermittedKindHasOneUniqueName() {
        List<NamedType> types = Step.types();
        assertEquals(Step.class.getPermittedSubclasses().length, types.size());
        Set<String> names = new HashSet<>();
        for (NamedType t : types) {
            assertTrue(t.getName().matches("[a-z]+(-[a-z]+)*"), t.getName());
            assertTrue(names.add(t.getName()), "two kinds named " + t.getName());
        }
        assertEquals("add-foreign-key", Step.kindOf(AddForeignKey.class));
    }

    @Test
    void aKindSaysWhichTablesAndColumnsItReads() {
        AddForeignKey fk = new AddForeignKey(null, null, "comments", "comments_article_fk", List.of("article_id"),
                "articles", List.of("id"), null);
        assertEquals("add-foreign-key", fk.kind());
        assertEquals(List.of(Step.Reference.columns("comments", List.of("article_id")), Step.Reference.table("articles")),
                fk.reads());
    }
}

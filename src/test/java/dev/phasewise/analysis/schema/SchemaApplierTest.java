package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.sql.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaApplierTest {

    private static Index index(SchemaModel model, String name) {
        return model.findIndex(QualifiedName.of(name)).orElseThrow();
    }

    @Test
    void renamingAnIndexedColumnRenamesItInItsIndexes() {
        SchemaModel model = SchemaFiles.of("""
                CREATE TABLE t (id bigint PRIMARY KEY, a text, b text);
                CREATE INDEX t_a_idx ON t (a);
                CREATE INDEX t_a_b_idx ON t (a, b);
                ALTER TABLE t RENAME COLUMN a TO c;
                """);
        assertEquals(List.of("c"), index(model, "t_a_idx").columns());
        assertEquals(List.of("c", "b"), index(model, "t_a_b_idx").columns());
        assertEquals(3, model.indexesOn(model.find(QualifiedName.of("t")).orElseThrow()).size());
    }

    @Test
    void droppingAColumnDropsEveryIndexOnIt() {
        // it threw ConcurrentModificationException: the indexes were removed from the list being walked
        SchemaModel model = SchemaFiles.of("""
                CREATE TABLE t (id bigint PRIMARY KEY, a text, b text);
                CREATE INDEX t_a_idx ON t (a);
                CREATE INDEX t_a_b_idx ON t (a, b);
                CREATE INDEX t_b_idx ON t (b);
                ALTER TABLE t DROP COLUMN a;
                """);
        assertEquals(List.of("t_pkey", "t_b_idx"), model.indexesOn(model.find(QualifiedName.of("t")).orElseThrow()).stream().map(i -> i.name().name()).toList());
    }

    @Test
    void anIndexIsPlainWhenItsColumnsAloneSayHowToBuildIt() {
        SchemaModel model = SchemaFiles.of("""
                CREATE TABLE t (id bigint PRIMARY KEY, a text, b text, UNIQUE (b));
                CREATE INDEX plain_idx ON t (a, b);
                CREATE UNIQUE INDEX plain_btree_idx ON t USING btree (a);
                CREATE INDEX desc_idx ON t (a DESC);
                CREATE INDEX opclass_idx ON t (a text_pattern_ops);
                CREATE INDEX expression_idx ON t (lower(a));
                CREATE INDEX include_idx ON t (a) INCLUDE (b);
                CREATE INDEX partial_idx ON t (a) WHERE b IS NULL;
                CREATE INDEX hash_idx ON t USING hash (a);
                """);
        assertTrue(index(model, "plain_idx").plain());
        assertTrue(index(model, "plain_btree_idx").plain());
        for (String name : List.of("desc_idx", "opclass_idx", "expression_idx", "include_idx", "partial_idx",
                "hash_idx", "t_b_key", "t_pkey")) {
            assertFalse(index(model, name).plain(), name);
        }
    }
}

package dev.phasewise.convert;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.ChangeColumnType;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.DropColumn;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.SetNotNull;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.plan.steps.SwapColumn;
import dev.phasewise.plan.steps.ValidateConstraint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the converter makes of a type change and a column rename, without a database. */
class ConverterTest {
    private static final String SCHEMA = """
            CREATE TABLE owner (id bigint PRIMARY KEY);
            CREATE TABLE job (
                id bigint PRIMARY KEY,
                owner_id bigint NOT NULL REFERENCES owner (id) ON DELETE CASCADE,
                reviewer_id bigint REFERENCES owner DEFERRABLE INITIALLY DEFERRED,
                attempts integer NOT NULL DEFAULT 0,
                label varchar(200),
                note text,
                title varchar(200)
            );
            ALTER TABLE job ADD CONSTRAINT job_attempts_positive CHECK (attempts >= 0);
            ALTER TABLE job ADD CONSTRAINT job_owner_attempts_key UNIQUE (owner_id, attempts);
            CREATE INDEX job_attempts_idx ON job (attempts, owner_id);
            CREATE INDEX job_label_lower_idx ON job (lower(label));
            CREATE TABLE ref (id bigint PRIMARY KEY, job_attempts integer);
            """;

    private static Conversion convert(String migration) {
        SchemaModel schema = SchemaFiles.of(SCHEMA);
        return new Converter(new PgVersion(17)).convert("m.sql", migration, schema);
    }

    private static List<Step> steps(Plan plan, Phase phase) {
        return plan.phase(phase).steps();
    }

    private static String sql(Step step) {
        return step.forward().stream().map(Action::sql).collect(Collectors.joining(";\n"));
    }

    @Test
    void aRewritingTypeChangeBecomesAShadowColumnWithItsIndexesConstraintsNotNullAndDefault() {
        Conversion c = convert("ALTER TABLE job ALTER COLUMN attempts TYPE bigint;");
        Plan plan = c.plan();
        assertTrue(PlanFiles.validate(plan).isEmpty(), PlanFiles.validate(plan).toString());
        assertEquals(Outcome.REWRITTEN, c.account().get(0).outcome(), c.account().toString());

        List<Step> expand = steps(plan, Phase.EXPAND);
        ChangeColumnType shadow = assertInstanceOf(ChangeColumnType.class, expand.get(0));
        assertEquals("attempts", shadow.column());
        assertEquals("bigint", shadow.type());
        assertEquals("attempts_new", shadow.shadowColumn());
        assertEquals("ALTER TABLE \"job\" ADD CONSTRAINT \"job_attempts_positive_new\" CHECK (\"attempts_new\" >= 0) "
                + "NOT VALID", sql(expand.get(1)));
        assertEquals(2, expand.size());

        List<Step> backfill = steps(plan, Phase.BACKFILL);
        Backfill fill = assertInstanceOf(Backfill.class, backfill.get(0));
        assertEquals("\"attempts_new\" = \"attempts\"", fill.set());
        assertEquals("\"attempts_new\" IS DISTINCT FROM CAST((\"attempts\") AS bigint)", fill.where());
        assertEquals("id", fill.keyColumn());
        CreateIndex unique = assertInstanceOf(CreateIndex.class, backfill.get(1));
        assertEquals("job_owner_attempts_key_new", unique.name());
        assertEquals(List.of("owner_id", "attempts_new"), unique.columns());
        assertEquals(Boolean.TRUE, unique.unique());
        CreateIndex plain = assertInstanceOf(CreateIndex.class, backfill.get(2));
        assertEquals("job_attempts_idx_new", plain.name());
        assertEquals(List.of("attempts_new", "owner_id"), plain.columns());
        assertEquals(3, backfill.size(), "the expression index on label does not involve attempts");

        List<Step> contract = steps(plan, Phase.CONTRACT);
        assertEquals("attempts_new", assertInstanceOf(SetNotNull.class, contract.get(0)).column());
        assertEquals("ALTER TABLE \"job\" ALTER COLUMN \"attempts\" DROP NOT NULL", sql(contract.get(1)));
        assertEquals("job_attempts_positive_new", assertInstanceOf(ValidateConstraint.class, contract.get(2)).name());
        SwapColumn swap = assertInstanceOf(SwapColumn.class, contract.get(3));
        assertEquals("0", swap.defaultValue());
        assertTrue(sql(swap).contains("ALTER TABLE \"job\" RENAME COLUMN \"attempts_new\" TO \"attempts\";\n"
                + "ALTER TABLE \"job\" ALTER COLUMN \"attempts\" SET DEFAULT 0"), sql(swap));
        assertEquals("attempts_old", assertInstanceOf(DropColumn.class, contract.get(4)).column());
        assertEquals("""
                ALTER TABLE "job" RENAME CONSTRAINT "job_attempts_positive_new" TO "job_attempts_positive";
                ALTER TABLE "job" ADD CONSTRAINT "job_owner_attempts_key" UNIQUE USING INDEX "job_owner_attempts_key_new";
                ALTER INDEX "job_attempts_idx_new" RENAME TO "job_attempts_idx\"""", sql(contract.get(5)));
        assertEquals(6, contract.size());
        assertTrue(plan.phase(Phase.BACKFILL).gate().checklist().stream()
                .anyMatch(i -> i.contains("every row has attempts_new")), plan.phase(Phase.BACKFILL).gate().toString());
    }

    @Test
    void aUsingConversionFillsTheShadowThroughTheTriggerAndTheBackfill() {
        Conversion c = convert("ALTER TABLE job ALTER COLUMN note TYPE integer USING length(note);");
        ChangeColumnType shadow = assertInstanceOf(ChangeColumnType.class, steps(c.plan(), Phase.EXPAND).get(0));
        assertEquals("length($column)", shadow.using());
        assertTrue(sql(shadow).contains("NEW.\"note_new\" := (length(NEW.\"note\"))"), sql(shadow));
        Backfill fill = assertInstanceOf(Backfill.class, steps(c.plan(), Phase.BACKFILL).get(0));
        assertEquals("\"note_new\" = length(note)", fill.set());
        SwapColumn swap = assertInstanceOf(SwapColumn.class, steps(c.plan(), Phase.CONTRACT).get(0));
        assertEquals(null, swap.defaultValue(), "note has no default and may be NULL: no set-not-null, no default");
    }

    @Test
    void aForeignKeyOnTheColumnIsMadeAgainOnTheShadow() {
        Conversion c = convert("ALTER TABLE job ALTER COLUMN owner_id TYPE integer;");
        assertEquals(Outcome.REWRITTEN, c.account().get(0).outcome(), c.account().toString());
        List<Step> expand = steps(c.plan(), Phase.EXPAND);
        assertEquals("ALTER TABLE \"job\" ADD CONSTRAINT \"job_owner_id_fkey_new\" FOREIGN KEY (\"owner_id_new\") "
                + "REFERENCES \"owner\" (\"id\") ON DELETE CASCADE NOT VALID", sql(expand.get(1)));
        List<Step> contract = steps(c.plan(), Phase.CONTRACT);
        assertTrue(contract.stream().anyMatch(s -> s instanceof ValidateConstraint v
                && v.name().equals("job_owner_id_fkey_new")), contract.toString());
        assertTrue(sql(contract.get(contract.size() - 1)).contains("ALTER TABLE \"job\" RENAME CONSTRAINT "
                + "\"job_owner_id_fkey_new\" TO \"job_owner_id_fkey\""), sql(contract.get(contract.size() - 1)));

        Conversion deferrable = convert("ALTER TABLE job ALTER COLUMN reviewer_id TYPE integer;");
        assertEquals(Outcome.KEPT_RISKY, deferrable.account().get(0).outcome());
        assertTrue(deferrable.account().get(0).why().contains("the foreign key job_reviewer_id_fkey on the column has "
                + "clauses"), deferrable.account().get(0).why());
    }

    @Test
    void djangosQuotedTypeChangeWithItsCastBecomesTheShadowsConversion() {
        Conversion c = convert("""
                --
                -- Alter field attempts on job
                --
                ALTER TABLE "job" ALTER COLUMN "attempts" TYPE bigint USING "attempts"::bigint;
                """);
        assertEquals(Outcome.REWRITTEN, c.account().get(0).outcome(), c.account().toString());
        ChangeColumnType shadow = assertInstanceOf(ChangeColumnType.class, steps(c.plan(), Phase.EXPAND).get(0));
        assertEquals("$column::bigint", shadow.using());
        assertTrue(sql(shadow).contains("NEW.\"attempts_new\" := (NEW.\"attempts\"::bigint)"), sql(shadow));
        Backfill fill = assertInstanceOf(Backfill.class, steps(c.plan(), Phase.BACKFILL).get(0));
        assertEquals("\"attempts_new\" = \"attempts\"::bigint", fill.set());
    }

    @Test
    void aWideningStaysAsWritten() {
        Conversion c = convert("ALTER TABLE job ALTER COLUMN title TYPE varchar(300);\n"
                + "ALTER TABLE job ALTER COLUMN title TYPE text;");
        assertEquals(List.of(Outcome.KEPT, Outcome.KEPT), c.account().stream().map(AccountEntry::outcome).toList(),
                c.account().toString());
        List<Step> expand = steps(c.plan(), Phase.EXPAND);
        assertEquals("ALTER TABLE job ALTER COLUMN title TYPE varchar(300)", ((RawSql) expand.get(0)).sql());
        assertTrue(steps(c.plan(), Phase.CONTRACT).isEmpty());
    }

    /**
     * The same widening of a column with an expression index (lower(label)) rewrites nothing but builds
     * that index again under ACCESS EXCLUSIVE, as PostgreSQL does (traced in the corpus): kept, and risky.
     */
    @Test
    void aWideningOfAColumnWithAnExpressionIndexIsKeptAsRisky() {
        Conversion c = convert("ALTER TABLE job ALTER COLUMN label TYPE varchar(300);");
        assertEquals(Outcome.KEPT_RISKY, c.account().get(0).outcome(), c.account().toString());
        assertTrue(c.account().get(0).why().contains("rebuilds indexes"), c.account().get(0).why());
        assertEquals("ALTER TABLE job ALTER COLUMN label TYPE varchar(300)",
                ((RawSql) steps(c.plan(), Phase.EXPAND).get(0)).sql());
    }

    @Test
    void aTypeChangeThatCannotEndTheSameIsKeptWithTheReason() {
        Conversion pk = convert("ALTER TABLE job ALTER COLUMN id TYPE numeric;");
        assertEquals(Outcome.KEPT_RISKY, pk.account().get(0).outcome());
        assertTrue(pk.account().get(0).why().contains("the column is the primary key"), pk.account().get(0).why());
        Conversion expression = convert("ALTER TABLE job ALTER COLUMN label TYPE integer USING length(label);");
        assertEquals(Outcome.KEPT_RISKY, expression.account().get(0).outcome());
        assertTrue(expression.account().get(0).why().contains("the index job_label_lower_idx on the column has an "
                + "expression"), expression.account().get(0).why());
        assertEquals("ALTER TABLE job ALTER COLUMN label TYPE integer USING length(label)",
                ((RawSql) steps(expression.plan(), Phase.EXPAND).get(0)).sql());
        Conversion twoActions = convert("ALTER TABLE job ALTER COLUMN attempts TYPE bigint, ALTER COLUMN attempts "
                + "SET DEFAULT 1;");
        assertEquals(Outcome.KEPT_RISKY, twoActions.account().get(0).outcome());
        assertTrue(twoActions.account().get(0).why().contains("the same ALTER TABLE does more"),
                twoActions.account().get(0).why());
        Conversion noSchema = new Converter(new PgVersion(17)).convert("m.sql",
                "ALTER TABLE other ALTER COLUMN n TYPE bigint;", new SchemaModel());
        assertEquals(Outcome.KEPT_RISKY, noSchema.account().get(0).outcome());
        assertTrue(noSchema.account().get(0).why().contains("give --schema or --url"), noSchema.account().get(0).why());
    }

    @Test
    void aRenameOfADeployedColumnMovesToTheContractPhaseBehindAGate() {
        Conversion c = convert("ALTER TABLE job RENAME COLUMN label TO title;\n"
                + "CREATE INDEX job_title_idx ON job (title);");
        Plan plan = c.plan();
        assertTrue(PlanFiles.validate(plan).isEmpty(), PlanFiles.validate(plan).toString());
        assertEquals(Outcome.MOVED, c.account().get(0).outcome(), c.account().toString());
        List<Step> contract = steps(plan, Phase.CONTRACT);
        RawSql rename = assertInstanceOf(RawSql.class, contract.get(0));
        assertEquals("ALTER TABLE \"job\" RENAME COLUMN \"label\" TO \"title\"", rename.sql());
        assertEquals("ALTER TABLE \"job\" RENAME COLUMN \"title\" TO \"label\"", rename.rollbackSql());
        assertTrue(sql(contract.get(1)).startsWith("CREATE INDEX CONCURRENTLY job_title_idx ON job (title)"),
                "the index on the new name runs after the rename: " + contract);
        assertTrue(steps(plan, Phase.EXPAND).isEmpty());
        assertTrue(gateItems(plan).stream().anyMatch(i -> i.contains("reads and writes job.title instead of label")),
                "the gate before the contract phase names the code change: " + gateItems(plan));
    }

    @Test
    void aRenameOfAColumnTheMigrationAddedStaysWhereItIs() {
        Conversion c = convert("ALTER TABLE job ADD COLUMN extra text;\n"
                + "ALTER TABLE job RENAME COLUMN extra TO more;");
        assertEquals(Outcome.KEPT, c.account().get(1).outcome(), c.account().toString());
        assertTrue(steps(c.plan(), Phase.CONTRACT).isEmpty());
    }

    private static List<String> gateItems(Plan plan) {
        return Phase.inOrder().stream().map(p -> plan.phase(p).gate()).filter(g -> g != null)
                .flatMap(g -> g.checklist().stream()).toList();
    }

    @Test
    void djangosAlterFieldThatChangesTheTypeAndSetsNotNullGoesThroughOneShadowColumn() {
        Conversion c = convert("ALTER TABLE job ALTER COLUMN note TYPE varchar(300) USING note::varchar(300), "
                + "ALTER COLUMN note SET NOT NULL;");
        assertEquals(List.of(Outcome.REWRITTEN), c.account().stream().map(AccountEntry::outcome).toList(),
                c.account().toString());
        List<String> contract = steps(c.plan(), Phase.CONTRACT).stream().map(Step::kind).toList();
        assertEquals(List.of("set-not-null", "swap-column", "drop-column"), contract);
        assertTrue(sql(steps(c.plan(), Phase.CONTRACT).get(0)).contains("\"note_new\" IS NOT NULL"));
        // the old column was nullable: there is no NOT NULL of it to release before the swap
        assertTrue(c.plan().steps().stream().noneMatch(p -> p.step().id().startsWith("drop-not-null")));
    }

    @Test
    void aNewNullableUniqueColumnGetsItsIndexConcurrentlyUnderPostgresOwnName() {
        Conversion c = convert("ALTER TABLE job ADD COLUMN code varchar(20) NULL UNIQUE;");
        assertEquals(List.of(Outcome.REWRITTEN), c.account().stream().map(AccountEntry::outcome).toList(),
                c.account().toString());
        List<Step> expand = steps(c.plan(), Phase.EXPAND);
        assertEquals(List.of("add-column", "add-unique-constraint"), expand.stream().map(Step::kind).toList());
        assertTrue(sql(expand.get(1)).contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"job_code_key\""),
                sql(expand.get(1)));
        // NOT NULL or a default (every row the same value) is not this case: kept for the other rewrites
        assertEquals(Outcome.KEPT_RISKY, convert("ALTER TABLE job ADD COLUMN code varchar(20) DEFAULT 'x' UNIQUE;")
                .account().get(0).outcome());
    }
}

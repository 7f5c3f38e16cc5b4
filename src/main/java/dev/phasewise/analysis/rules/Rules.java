package dev.phasewise.analysis.rules;

import java.util.List;
import java.util.Optional;

/** Every rule, registered once, in id order. Ids are stable and never reused. */
public final class Rules {
    public static final List<Rule> ALL = List.of(
            new RequireConcurrentIndexCreation(),
            new RequireConcurrentIndexDeletion(),
            new ConcurrentlyInTransaction(),
            new RequireConcurrentReindex(),
            new RequireConcurrentPartitionDetach(),
            new ConstraintMissingNotValid(),
            new ValidateInSameTransaction(),
            new DisallowedUniqueConstraint(),
            new PrimaryKeyUsingIndexOnNullable(),
            new BanExclusionConstraint(),
            new SetNotNullScan(),
            new AddingRequiredField(),
            new AddingFieldWithVolatileDefault(),
            new ChangingColumnType(),
            new TableRewrite(),
            new BanVacuumFullAndCluster(),
            new RefreshMaterializedViewBlocksReads(),
            new ExplicitLockTable(),
            new AttachPartitionScan(),
            new BanTruncateCascade(),
            new TruncateTable(),
            new UnbatchedUpdate(),
            new BackfillInDdlTransaction(),
            new ForeignKeyWithoutIndex(),
            new EnumAddValue(),
            new DomainWithConstraint(),
            new RequireLockTimeout(),
            new RequireStatementTimeout(),
            new LockHeldAcrossStatements(),
            new TransactionNesting(),
            new UncommittedTransaction(),
            new CombineAlterTable(),
            new RenamingColumn(),
            new RenamingTable(),
            new BanDropColumn(),
            new BanDropTable(),
            new BanDropDatabase(),
            new BanDropNotNull(),
            new PreferBigintOverInt(),
            new PreferIdentity(),
            new PreferTextField(),
            new PreferTimestamptz(),
            new BanCharField(),
            new PreferJsonb(),
            new NewEnumType(),
            new RenamingObject(),
            new PreferRobustStatements(),
            new IdentifierTooLong(),
            new IndexTooManyColumns(),
            new UnanalysedStatement(),
            new BanDropObject(),
            new DynamicSql());

    private Rules() {
    }

    /** A rule by id (PW101) or name (require-concurrent-index-creation). */
    public static Optional<RuleMeta> find(String idOrName) {
        return ALL.stream().map(Rule::meta).filter(m -> m.isNamedBy(idOrName)).findFirst();
    }
}

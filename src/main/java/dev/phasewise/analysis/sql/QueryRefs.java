package dev.phasewise.analysis.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What a query reads: the relations named in its FROM and JOIN clauses (at any depth, CTE names
 * excluded) with their aliases, whether it has a locking clause (FOR UPDATE/SHARE), its
 * top-level WHERE and JOIN conditions, and the scalar subqueries it runs with their own conditions.
 */
public record QueryRefs(List<RelationRef> refs, boolean lockingClause, Expr where, List<Expr> joinConditions,
                        List<ScalarSubquery> scalarSubqueries) {

    public static final QueryRefs NONE = new QueryRefs(List.of(), false, null, List.of());

    /**
     * A subquery used as a value ({@code SET x = (SELECT ... FROM c WHERE c.k = t.id)}): PostgreSQL runs it per
     * outer row with the outer columns as parameters, so {@code c.k = t.id} finds c's rows through an index on
     * c.k, as {@code c.k = 5} would.
     *
     * @param refs  the relations of its own FROM (the outer ones are parameters to it)
     * @param where its WHERE condition
     */
    public record ScalarSubquery(List<RelationRef> refs, Expr where) {
    }

    public QueryRefs(List<RelationRef> refs, boolean lockingClause, Expr where, List<Expr> joinConditions) {
        this(refs, lockingClause, where, joinConditions, List.of());
    }

    public static QueryRefs of(List<QualifiedName> names, boolean lockingClause, Expr where) {
        return new QueryRefs(names.stream().map(n -> new RelationRef(n, null, false)).toList(), lockingClause, where,
                List.of());
    }

    /** WHERE and JOIN ... ON conditions together: what the planner can use to reach rows. */
    public List<Expr> predicates() {
        List<Expr> all = new ArrayList<>(joinConditions);
        if (where != null) {
            all.add(where);
        }
        return all;
    }

    public List<QualifiedName> relations() {
        return refs.stream().map(RelationRef::name).toList();
    }

    public boolean isEmpty() {
        return refs.isEmpty();
    }
}

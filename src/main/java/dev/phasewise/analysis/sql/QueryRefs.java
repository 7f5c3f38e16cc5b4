package dev.phasewise.analysis.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What a query reads: the relations named in its FROM and JOIN clauses (at any depth, CTE names
 * excluded) with their aliases, whether it has a locking clause (FOR UPDATE/SHARE), and its
 * top-level WHERE and JOIN conditions.
 */
public record QueryRefs(List<RelationRef> refs, boolean lockingClause, Expr where, List<Expr> joinConditions) {

    public static final QueryRefs NONE = new QueryRefs(List.of(), false, null, List.of());

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

package io.ledgerflow.formula.graph;

/** Evaluates nodes for the {@link Recalculator}. Must be safe to call for distinct nodes in parallel. */
public interface NodeEvaluator {

    /** Re-evaluates a node on behalf of worker {@code worker}; returns true when its value changed. */
    boolean evaluate(int node, int worker);

    /** Sets a node on a circular reference to #CYCLE!; returns true when its value changed. */
    boolean markCycle(int node);

    /**
     * Called for each member of a cycle once {@link #markCycle} was called for all of them: a node
     * whose value derives from its precedents' (a range's statistics) takes its value now, when its
     * members on the cycle hold #CYCLE!; returns true when its value changed.
     */
    default boolean settleCycle(int node) {
        return false;
    }
}

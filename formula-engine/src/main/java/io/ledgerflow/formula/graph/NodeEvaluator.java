package io.ledgerflow.formula.graph;

/** Evaluates nodes for the {@link Recalculator}. Must be safe to call for distinct nodes in parallel. */
public interface NodeEvaluator {

    /** Re-evaluates a node on behalf of worker {@code worker}; returns true when its value changed. */
    boolean evaluate(int node, int worker);

    /** Sets a node on a circular reference to #CYCLE!; returns true when its value changed. */
    boolean markCycle(int node);
}

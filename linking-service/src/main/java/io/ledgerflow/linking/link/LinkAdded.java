package io.ledgerflow.linking.link;

/**
 * Published (in-process, inside the creating transaction) when a link was stored, so propagation
 * can deliver the source's current values in the same transaction without link depending on it.
 */
public record LinkAdded(Link link) {}

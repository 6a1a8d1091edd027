package io.ledgerflow.linking.link;

/**
 * Published (in-process, inside the stopping transaction) when a link stopped carrying values: it
 * was removed, broken or revoked. Propagation retracts the source cells' state it no longer backs.
 */
public record LinkStopped(Link link) {}

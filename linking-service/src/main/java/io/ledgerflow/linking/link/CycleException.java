package io.ledgerflow.linking.link;

import java.util.List;
import java.util.UUID;

/**
 * A new link would close a cycle; {@code path} is every hop of it, the new link last. {@code
 * certain}: links alone carry the values round (each hop's {@code fromRef} holds cells the previous
 * hop filled); otherwise the chain reaches the next hop's document only at other cells, and the
 * hops with {@code viaFormulas} would need formulas inside their {@code fromDocument} to continue.
 */
public class CycleException extends RuntimeException {

    /** One link of the cycle: from a document and cell (or range) into another. */
    public record Hop(
            UUID linkId, UUID fromDocument, String fromRef, UUID toDocument, String toRef, boolean viaFormulas) {}

    private final transient List<Hop> path;
    private final boolean certain;

    public CycleException(List<Hop> path, boolean certain) {
        super((certain
                        ? "the link would close a cycle of links: "
                        : "the link would close a cycle across documents if formulas inside them join the linked"
                                + " cells (linking does not see formulas, so it refuses): ")
                + String.join(
                        "; ",
                        path.stream()
                                .map(h -> (h.viaFormulas() ? "(formulas) " : "") + h.fromDocument() + " " + h.fromRef()
                                        + " → " + h.toDocument() + " " + h.toRef())
                                .toList()));
        this.path = List.copyOf(path);
        this.certain = certain;
    }

    public List<Hop> path() {
        return path;
    }

    public boolean certain() {
        return certain;
    }
}

package io.ledgerflow.linking.link;

import java.util.List;
import java.util.UUID;

/** A new link would close a cycle; {@code path} is every hop of it, the new link last. */
public class CycleException extends RuntimeException {

    /** One link of the cycle: from a document and cell (or range) into another. */
    public record Hop(UUID linkId, UUID fromDocument, String fromRef, UUID toDocument, String toRef) {}

    private final transient List<Hop> path;

    public CycleException(List<Hop> path) {
        super("the link would close a cycle: "
                + String.join(
                        "; ",
                        path.stream()
                                .map(h ->
                                        h.fromDocument() + " " + h.fromRef() + " → " + h.toDocument() + " " + h.toRef())
                                .toList()));
        this.path = List.copyOf(path);
    }

    public List<Hop> path() {
        return path;
    }
}

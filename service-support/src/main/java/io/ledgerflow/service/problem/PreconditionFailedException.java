package io.ledgerflow.service.problem;

/** The client's precondition (an {@code If-Match} revision) no longer holds (HTTP 412). */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}

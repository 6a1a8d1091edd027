package io.ledgerflow.service.problem;

/** The request is well formed but clashes with the resource's current state (HTTP 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

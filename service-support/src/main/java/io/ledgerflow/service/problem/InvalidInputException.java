package io.ledgerflow.service.problem;

import java.util.Map;

/**
 * The request is well formed JSON but a value in it is wrong (HTTP 422). Names the offending field
 * so the problem body can point at it; subclasses may add properties (a formula's error position).
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Extra members of the problem body. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}

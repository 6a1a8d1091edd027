package io.ledgerflow.service.problem;

/**
 * The request is valid but would take the caller past a configured limit of what it may hold at once (HTTP 429): it
 * may succeed once something is given back, so it names the limit and what is in use.
 */
public class LimitExceededException extends RuntimeException {

    public LimitExceededException(String message) {
        super(message);
    }
}

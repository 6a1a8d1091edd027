package io.ledgerflow.service.problem;

/** The request body is larger than the configured limit (HTTP 413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}

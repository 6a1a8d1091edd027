package io.ledgerflow.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Thrown by the limits filters, answered here as 413: a request body over {@code ledgerflow.gateway.max-request-size}, declared or counted. */
public class PayloadTooLargeException extends ResponseStatusException {

    private final long limitBytes;

    public PayloadTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Request body exceeds " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}

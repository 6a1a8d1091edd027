package io.ledgerflow.gateway.limits;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request body over {@code ledgerflow.gateway.max-request-size}, declared or counted. */
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

package io.ledgerflow.eventlog;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The cause of the work on the current thread: the event being consumed (so events it raises carry
 * causation and correlation ids) or the incoming request's W3C traceparent.
 */
public final class EventContext {

    private static final ThreadLocal<EventEnvelope> CAUSE = new ThreadLocal<>();
    private static final ThreadLocal<String> TRACEPARENT = new ThreadLocal<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventContext() {}

    /** Runs {@code work} as a consequence of {@code cause}. */
    public static void runCausedBy(EventEnvelope cause, Runnable work) {
        EventEnvelope previous = CAUSE.get();
        CAUSE.set(cause);
        try {
            work.run();
        } finally {
            if (previous == null) {
                CAUSE.remove();
            } else {
                CAUSE.set(previous);
            }
        }
    }

    /** Sets the traceparent of the current request (called by the web layer); null clears it. */
    public static void setTraceparent(String traceparent) {
        if (traceparent == null) {
            TRACEPARENT.remove();
        } else {
            TRACEPARENT.set(traceparent);
        }
    }

    static UUID causationId() {
        EventEnvelope cause = CAUSE.get();
        return cause == null ? null : cause.id();
    }

    static UUID correlationId(UUID eventId) {
        EventEnvelope cause = CAUSE.get();
        return cause == null ? eventId : cause.correlationId();
    }

    static String traceparent() {
        EventEnvelope cause = CAUSE.get();
        if (cause != null && cause.traceparent() != null) {
            return cause.traceparent();
        }
        String current = TRACEPARENT.get();
        return current != null ? current : newTraceparent();
    }

    /** A fresh W3C traceparent: version 00, random trace and span ids, sampled. */
    static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        HexFormat hex = HexFormat.of();
        return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-01";
    }
}

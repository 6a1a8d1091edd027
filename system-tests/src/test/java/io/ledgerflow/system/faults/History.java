package io.ledgerflow.system.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run's history: every request (when sent, and what came of it) and every fault (when it began and healed), one
 * JSON object per line with wall-clock and monotonic timestamps, as Jepsen's history.edn. Kept in memory for the
 * checkers too.
 */
public final class History implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BufferedWriter out;
    private final long startNanos = System.nanoTime();
    private final List<Op> ops = new ArrayList<>();

    public History(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history " + file, e);
        }
    }

    /** A request about to go out. */
    public void invoke(long id, int client, Op.Kind kind, String subject, Object request) {
        line(Map.of("type", "invoke", "op", id, "client", client, "f", kind, "subject", subject, "value", request));
    }

    /** What came of a request. */
    public void complete(Op op) {
        synchronized (ops) {
            ops.add(op);
        }
        line(Map.of(
                "type", op.outcome().name().toLowerCase(java.util.Locale.ROOT),
                "op", op.id(),
                "client", op.client(),
                "f", op.kind(),
                "subject", op.workbook(),
                "revision", op.revision(),
                "value", op.cells(),
                "latencyMs", (op.completedNanos() - op.invokedNanos()) / 1_000_000,
                "detail", op.detail() == null ? "" : op.detail()));
    }

    /** The nemesis: a fault began ({@code start}) or was healed ({@code stop}). */
    public void nemesis(String phase, String fault, String target, String detail) {
        line(Map.of("type", "nemesis", "phase", phase, "f", fault, "target", target, "detail", detail));
    }

    public List<Op> ops() {
        synchronized (ops) {
            return List.copyOf(ops);
        }
    }

    /** Monotonic time since the run began, for the history's {@code t} field. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    private void line(Map<String, Object> fields) {
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("t", elapsedNanos());
        record.putAll(fields);
        String text = JSON.writeValueAsString(record);
        synchronized (out) {
            try {
                out.write(text);
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

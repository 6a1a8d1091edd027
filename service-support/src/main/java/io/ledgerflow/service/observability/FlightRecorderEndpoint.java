package io.ledgerflow.service.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A Java Flight Recorder recording on demand, on the management port only:
 *
 * <ul>
 *   <li>{@code POST /actuator/jfr} starts one (the JDK's "profile" settings, at most 10 minutes, one at a time);
 *   <li>{@code GET /actuator/jfr} tells its state;
 *   <li>{@code POST /actuator/jfr/stop} stops it;
 *   <li>{@code GET /actuator/jfr/recording} downloads the stopped recording ({@code jfr} file, for JDK Mission Control).
 * </ul>
 */
@WebEndpoint(id = "jfr")
public class FlightRecorderEndpoint {

    private static final Duration MAX_DURATION = Duration.ofMinutes(10);

    private Recording recording;
    private Path file;
    private Instant started;

    @ReadOperation
    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", recording == null ? "NONE" : recording.getState().name());
        if (started != null) {
            state.put("started", started.toString());
        }
        if (file != null && Files.exists(file)) {
            try {
                state.put("bytes", Files.size(file));
            } catch (IOException e) {
                // the size is a nicety
            }
        }
        return state;
    }

    @WriteOperation
    public synchronized WebEndpointResponse<Map<String, Object>> start() {
        if (recording != null && recording.getState() == RecordingState.RUNNING) {
            return new WebEndpointResponse<>(Map.of("error", "a recording is already running"), 409);
        }
        close();
        try {
            file = Files.createTempFile("ledgerflow-", ".jfr");
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setDuration(MAX_DURATION);
            recording.setToDisk(true);
            recording.setDestination(file);
            recording.start();
            started = Instant.now();
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot start a flight recording: " + e.getMessage(), e);
        }
        return new WebEndpointResponse<>(state(), 201);
    }

    @WriteOperation
    public synchronized WebEndpointResponse<Map<String, Object>> stop(@Selector String action) {
        if (!"stop".equals(action)) {
            return new WebEndpointResponse<>(Map.of("error", "unknown action " + action), 404);
        }
        if (recording == null) {
            return new WebEndpointResponse<>(Map.of("error", "no recording"), 404);
        }
        if (recording.getState() == RecordingState.RUNNING) {
            recording.stop();
        }
        return new WebEndpointResponse<>(state(), 200);
    }

    @ReadOperation(produces = "application/octet-stream")
    public synchronized WebEndpointResponse<Resource> download(@Selector String name) {
        if (!"recording".equals(name) || recording == null || file == null) {
            return new WebEndpointResponse<>(404);
        }
        if (recording.getState() == RecordingState.RUNNING) {
            return new WebEndpointResponse<>(409);
        }
        return new WebEndpointResponse<>(new FileSystemResource(file), 200);
    }

    /** Drops the previous recording and its file. */
    public synchronized void close() {
        if (recording != null) {
            recording.close();
            recording = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file = null;
        }
        started = null;
    }
}

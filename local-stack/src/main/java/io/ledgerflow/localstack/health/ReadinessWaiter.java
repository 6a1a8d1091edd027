package io.ledgerflow.localstack.health;

import io.ledgerflow.localstack.process.LogTail;
import io.ledgerflow.localstack.process.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Polls every service's readiness URL until each answers 200 with status UP. Fails at once when a
 * process exits, and at the deadline naming the services that are not ready, each with the tail of
 * its log.
 */
public final class ReadinessWaiter {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    static final int TAIL_LINES = 30;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /**
     * Returns when all are ready; each entry of the result is the time that service took.
     *
     * @param progress told once per service when it becomes ready
     */
    public Map<String, Duration> awaitReady(
            List<ServiceProcess> services, Duration timeout, Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<ServiceProcess> pending = new ArrayList<>(services);
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        Map<String, String> lastAnswer = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            for (ServiceProcess service : List.copyOf(pending)) {
                if (!service.isAlive()) {
                    throw new ServiceNotReadyException(
                            service.name(),
                            service.name() + " exited with code " + service.exitValue() + " before it was ready",
                            service.log());
                }
                String answer = probe(service);
                if (answer == null) {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    readyAfter.put(service.name(), took);
                    pending.remove(service);
                    progress.accept(String.format("%s ready after %.1f s", service.name(), took.toMillis() / 1000.0));
                } else {
                    lastAnswer.put(service.name(), answer);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess first = pending.get(0);
                StringBuilder names = new StringBuilder();
                for (ServiceProcess service : pending) {
                    names.append(names.isEmpty() ? "" : ", ")
                            .append(service.name())
                            .append(" (last answer: ")
                            .append(lastAnswer.getOrDefault(service.name(), "none"))
                            .append(")");
                }
                throw new ServiceNotReadyException(
                        first.name(),
                        "not ready after " + timeout.toSeconds() + " s: " + names + "; readiness URL "
                                + first.readinessUrl(),
                        first.log());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL.toMillis()));
        }
        return readyAfter;
    }

    /** Null when ready, else what the service answered (for the error message). */
    private String probe(ServiceProcess service) {
        HttpRequest request = HttpRequest.newBuilder(service.readinessUrl())
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && UP.matcher(response.body()).find()) {
                return null;
            }
            String body = response.body().replaceAll("\\s+", " ");
            return "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(200, body.length()));
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
        }
    }

    /** A service that did not become ready; the message ends with the tail of its log. */
    public static final class ServiceNotReadyException extends IllegalStateException {
        private final String service;

        public ServiceNotReadyException(String service, String reason, java.nio.file.Path log) {
            super(reason + System.lineSeparator() + "Last lines of " + log + ":" + System.lineSeparator()
                    + LogTail.format(log, TAIL_LINES, "  [" + service + "] "));
            this.service = service;
        }

        public String service() {
            return service;
        }
    }
}

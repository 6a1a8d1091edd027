package io.ledgerflow.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service the size of a test: what every Ledgerflow service gets from service-support (problem handling, the
 * servlet container's settings) and one JSON resource, with no database or Kafka behind it. {@link #writes} counts
 * the writes that went through, so a test can show that a refused request changed nothing.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "io.ledgerflow.eventlog.EventLogAutoConfiguration"
        })
public class HostileInputApp {

    static final AtomicInteger writes = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(HostileInputApp.class);

    record Thing(@NotBlank String name, BigDecimal amount, List<Object> tags) {}

    @RestController
    static class Things {

        @PostMapping(path = "/api/test/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        @ResponseStatus(HttpStatus.CREATED)
        Thing create(@Valid @RequestBody Thing thing) {
            writes.incrementAndGet();
            return thing;
        }

        @PutMapping(path = "/api/test/things/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
        Thing replace(@PathVariable String id, @Valid @RequestBody Thing thing) {
            writes.incrementAndGet();
            return thing;
        }

        @GetMapping(path = "/api/test/things/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> get(@PathVariable String id, @RequestParam(defaultValue = "") String q) {
            LOG.info("thing {} read", id); // a request's log line (StructuredLogsIT)
            return Map.of("id", id, "q", q);
        }
    }
}

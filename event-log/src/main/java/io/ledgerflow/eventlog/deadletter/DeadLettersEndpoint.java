package io.ledgerflow.eventlog.deadletter;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/deadletters} on the management port: {@code GET} lists this service's dead letters by
 * topic; {@code POST} with {@code {"topic": …, "partition": …, "offset": …}} replays one to its original
 * topic (exposed with {@code management.endpoints.web.exposure.include}).
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, List<DeadLetters.DeadLetter>> list() {
        return deadLetters.list();
    }

    @WriteOperation
    public DeadLetters.DeadLetter replay(String topic, int partition, long offset) {
        return deadLetters.replay(topic, partition, offset);
    }
}

package io.ledgerflow.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.outbox.EventTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** A change whose event the log cannot take is the client's to make smaller: 413, naming the event and sizes. */
class EventTooLargeProblemTest {

    @Test
    void anEventTooLargeForTheLogIs413NamingTheEventAndItsSize() {
        ProblemDetail problem = new ProblemHandler()
                .eventTooLarge(new EventTooLargeException("CellValuesChanged", "wb-1", 1_200_000, 1_000_000));

        assertThat(problem.getStatus()).isEqualTo(413);
        assertThat(problem.getType().toString()).endsWith("too-large");
        assertThat(problem.getDetail()).contains("CellValuesChanged of wb-1", "1200000 bytes", "1000000");
    }
}

package io.ledgerflow.eventlog.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.AmountPosted;
import io.ledgerflow.eventlog.testapp.BalanceProjection;
import io.ledgerflow.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Dead letters, not silence: a message that is not an envelope goes to the binding's dead-letter topic
 * at once, an effect that keeps failing after the binding's retries does too, each with the reason and
 * the original headers, counted; an operator lists them and replays one after the fix. For a record
 * binding and a batch binding alike; in a batch the events around the bad one are applied exactly once.
 */
@IntegrationTest
class DeadLettersIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    BalanceProjection projection;

    @Autowired
    DeadLettersEndpoint endpoint;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restore() {
        projection.rejectNegative(true);
    }

    @Test
    void aMessageThatIsNotAnEnvelopeIsDeadLetteredAtOnceWithItsHeaders() {
        String key = "garbage-" + UUID.randomUUID();
        double before = deadLettered("UndecodableEventException");
        send(EventLogTestApplication.LEDGER_EVENTS.name(), key, "{not an envelope");

        DeadLetters.DeadLetter letter = awaitLetter(EventLogTestApplication.LEDGER_EVENTS_DLT.name(), key);
        assertThat(letter.value()).isEqualTo("{not an envelope");
        assertThat(letter.originalTopic()).isEqualTo(EventLogTestApplication.LEDGER_EVENTS.name());
        assertThat(letter.exception()).endsWith("UndecodableEventException");
        assertThat(letter.reason()).contains("cannot decode");
        assertThat(letter.headers()).containsEntry("x-test-origin", key);
        assertThat(deadLettered("UndecodableEventException")).isEqualTo(before + 1);
    }

    @Test
    void anEffectThatKeepsFailingIsRetriedThenDeadLetteredAndAReplayAfterTheFixAppliesItOnce() {
        String account = "failing-" + UUID.randomUUID();
        EventEnvelope event = events.envelope("account", account, "workspace-1", new AmountPosted(account, -5, 1));
        send(EventLogTestApplication.LEDGER_EVENTS.name(), account, codec.encode(event));

        DeadLetters.DeadLetter letter = awaitLetter(EventLogTestApplication.LEDGER_EVENTS_DLT.name(), account);
        assertThat(projection.attempts(account)).isEqualTo(3); // max-attempts
        assertThat(letter.exception()).endsWith("IllegalStateException");
        assertThat(letter.reason()).contains("negative amount");
        assertThat(projection.applied(account)).isZero();

        projection.rejectNegative(false);
        endpoint.replay(letter.topic(), letter.partition(), letter.offset());
        await().atMost(BOUND).until(() -> projection.applied(account) == 1);
        assertThat(projection.total(account)).isEqualTo(-5);

        int deliveries = projection.deliveriesOf(event.id());
        endpoint.replay(letter.topic(), letter.partition(), letter.offset());
        await().atMost(BOUND).until(() -> projection.deliveriesOf(event.id()) == deliveries + 1);
        assertThat(projection.applied(account)).isEqualTo(1);
    }

    @Test
    void inABatchOnlyTheBadEventsAreDeadLetteredAndTheOthersAppliedOnce() {
        String key = "batch-" + UUID.randomUUID(); // one key: one partition, in order
        String before = key + "-before";
        String failing = key + "-failing";
        String after = key + "-after";
        for (var message : List.of(
                codec.encode(events.envelope("account", key, "workspace-1", new AmountPosted(before, 1, 1))),
                codec.encode(events.envelope("account", key, "workspace-1", new AmountPosted(failing, -1, 2))),
                "not json at all",
                codec.encode(events.envelope("account", key, "workspace-1", new AmountPosted(after, 3, 3))))) {
            send(EventLogTestApplication.LEDGER_BATCHES.name(), key, message);
        }

        await().atMost(BOUND).until(() -> projection.applied(after) == 1);
        assertThat(projection.applied(before)).isEqualTo(1);
        assertThat(projection.applied(failing)).isZero();
        assertThat(projection.total(before) + projection.total(after)).isEqualTo(4);
        List<DeadLetters.DeadLetter> letters = await().atMost(BOUND)
                .until(() -> letters(EventLogTestApplication.LEDGER_BATCHES_DLT.name(), key), l -> l.size() == 2);
        assertThat(letters)
                .extracting(DeadLetters.DeadLetter::exception)
                .anySatisfy(e -> assertThat(e).endsWith("IllegalStateException"))
                .anySatisfy(e -> assertThat(e).endsWith("UndecodableEventException"));
    }

    private void send(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("x-test-origin", key.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    private DeadLetters.DeadLetter awaitLetter(String topic, String key) {
        return await().atMost(BOUND)
                .until(() -> letters(topic, key), l -> !l.isEmpty())
                .getFirst();
    }

    private List<DeadLetters.DeadLetter> letters(String topic, String key) {
        return endpoint.list().get(topic).stream()
                .filter(l -> key.equals(l.key()))
                .toList();
    }

    private double deadLettered(String exception) {
        var counter = meters.find(DeadLetterHandling.METRIC)
                .tag("exception", exception)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}

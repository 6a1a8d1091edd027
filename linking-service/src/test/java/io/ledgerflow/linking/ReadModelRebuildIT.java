package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.linking.intake.messaging.ReadModelRebuild;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Linking's read model ({@code document}, {@code dataset_row}, {@code dataset_grant}) dropped and rebuilt from the
 * log alone: the rebuilt tables equal the ones the live intake built (every row, {@code applied_events} included,
 * with a record the log holds twice), the rebuild appends nothing to the outbox, an event the live intake had not
 * reached is left to it (and it then learns and propagates it once), and a second rebuild changes nothing.
 */
@IntegrationTest
class ReadModelRebuildIT {

    private static final List<String> BINDINGS = List.of("workbookEvents-in-0", "datasetEvents-in-0");

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModelRebuild rebuild;

    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void theRebuiltReadModelEqualsTheLiveOneAndNothingIsEmitted() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = "own-" + suffix;
        String grantee = "gra-" + suffix;
        UUID dataset = UUID.randomUUID();
        Fixture f = new Fixture(port, owner, events, codec, kafka);
        List<EventEnvelope> sent = new ArrayList<>();

        UUID source = f.workbook("Source");
        UUID destination = f.workbook("Destination");
        UUID gone = f.workbook("Gone");
        f.link(Fixture.workbookLink(source, "Sheet1!A1", destination, "Sheet1!A1"));
        EventEnvelope change = f.changed(source, 2, Fixture.cell("Sheet1!A1", "Sheet1", 0, 0, 42));
        sent.add(change);
        f.sendWorkbook(source, change); // the log holds it twice: learnt once, live and rebuilt
        EventEnvelope deleted = f.workbookEvent(gone, new Fixture.WorkbookDeleted(gone, 2));
        f.sendWorkbook(gone, deleted);
        sent.add(deleted);
        for (String type : List.of(
                "DatasetCreated",
                "DatasetVersionPublished",
                "DatasetRowsChanged",
                "DatasetShared",
                "DatasetShareRevoked")) {
            sent.add(f.datasetSample(type, dataset, owner, grantee, Map.of()));
        }
        sent.add(f.datasetSample(
                "DatasetShared",
                dataset,
                owner,
                grantee,
                Map.of(Fixture.SAMPLE_GRANT, UUID.randomUUID().toString())));
        awaitAppliedLive(sent);
        f.link("{\"source\":{\"type\":\"dataset\",\"documentId\":\"" + dataset
                + "\",\"column\":\"rate\",\"key\":[\"EUR\"]},\"destination\":{\"workbookId\":\"" + destination
                + "\",\"ref\":\"Sheet1!B2\"}}");
        assertThat(Fixture.values(f.linkedValues(destination, 2).get(1))).containsEntry("Sheet1!B2", 1.0825);

        BINDINGS.forEach(b -> bindings.changeState(b, BindingsLifecycleController.State.STOPPED));
        // not yet reached by the live intake: the rebuild must leave it to it
        f.datasetSample(
                "DatasetRowsChanged",
                dataset,
                owner,
                grantee,
                Map.of("\"version\": 2", "\"version\": 3", "1.0825", "1.5"));
        Map<String, List<Map<String, Object>>> live = readModel();
        assertThat(live.get("document")).extracting(r -> r.get("workspace")).contains(owner);
        long outbox = outboxEnd();

        assertThat(rebuild.rebuild().applied()).isGreaterThanOrEqualTo(sent.size() + 3);
        assertThat(readModel()).isEqualTo(live);
        assertThat(outboxEnd()).as("nothing appended to the outbox").isEqualTo(outbox);
        assertThat(running()).as("stopped bindings stay stopped").isEmpty();

        BINDINGS.forEach(b -> bindings.changeState(b, BindingsLifecycleController.State.STARTED));
        assertThat(Fixture.values(f.linkedValues(destination, 3).get(2)))
                .as("the live intake propagates what the rebuild left to it")
                .containsEntry("Sheet1!B2", 1.5);
        Map<String, List<Map<String, Object>>> caughtUp = readModel();
        assertThat(caughtUp).isNotEqualTo(live);

        rebuild.rebuild();
        assertThat(readModel()).as("a second rebuild").isEqualTo(caughtUp);
        assertThat(running()).as("running bindings run again").containsExactlyElementsOf(BINDINGS);
    }

    /** The intake runs again whatever happened above: the tests after this one share the context and need it. */
    @AfterEach
    void startTheIntake() {
        BINDINGS.forEach(b -> bindings.changeState(b, BindingsLifecycleController.State.STARTED));
    }

    private void awaitAppliedLive(List<EventEnvelope> sent) {
        String[] ids = sent.stream().map(e -> e.id().toString()).distinct().toArray(String[]::new);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("select count(*) from event_inbox where event_id = any(?::uuid[])"
                                        + " and consumer in ('linking-workbook-events', 'linking-dataset-events')")
                                .param(ids)
                                .query(Long.class)
                                .single()
                        == ids.length);
    }

    /** Every row of the three tables the rebuild drops (the whole tables: every test's documents too). */
    private Map<String, List<Map<String, Object>>> readModel() {
        return Map.of(
                "document", rows("select * from document order by type, id"),
                "dataset_row", rows("select * from dataset_row order by dataset_id, row_key"),
                "dataset_grant", rows("select * from dataset_grant order by grant_id"));
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }

    private long outboxEnd() {
        return jdbc.sql("select coalesce(max(position), 0) from event_outbox")
                .query(Long.class)
                .single();
    }

    private List<String> running() {
        return BINDINGS.stream()
                .filter(b -> bindings.queryState(b).stream().anyMatch(Binding::isRunning))
                .toList();
    }
}

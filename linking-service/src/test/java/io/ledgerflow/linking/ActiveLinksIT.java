package io.ledgerflow.linking;

import static io.ledgerflow.linking.Fixture.workbookLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.link.Link;
import io.ledgerflow.linking.link.persistence.LinkStore;
import io.ledgerflow.testsupport.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Propagation's in-memory copy of a source's active links: reused while the source's version
 * stands, read again after any statement on its links — here written behind the service's back,
 * as another instance would — and never poisoned by a transaction that rolled back.
 */
@IntegrationTest
class ActiveLinksIT {

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    LinkStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aSourcesLinksAreReadAgainExactlyWhenAStatementChangedThem() {
        Fixture f = new Fixture(port, "cache-" + UUID.randomUUID().toString().substring(0, 8), events, codec, kafka);
        UUID source = f.workbook("Rates");
        UUID budget = f.workbook("Budget");
        UUID forecast = f.workbook("Forecast");
        UUID first = UUID.fromString(
                f.link(workbookLink(source, "S!A1", budget, "S!A1")).get("id").asString());

        List<Link> read = active(source);
        assertThat(read).extracting(Link::id).containsExactly(first);
        assertThat(active(source))
                .as("unchanged source: the same list, not read again")
                .isSameAs(read);

        setStatus(first, "broken");
        assertThat(active(source)).isEmpty();
        setStatus(first, "active");
        assertThat(active(source)).extracting(Link::id).containsExactly(first);

        UUID second = UUID.fromString(
                f.link(workbookLink(source, "S!A1", forecast, "S!A1")).get("id").asString());
        assertThat(active(source)).extracting(Link::id).containsExactlyInAnyOrder(first, second);

        // read inside a transaction that breaks the link and then rolls back: what it saw is not kept
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    setStatus(second, "broken");
                    assertThat(active(source)).extracting(Link::id).containsExactly(first);
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");
        // a statement that commits next (a no-op update here) gets a version the rolled-back one never had
        setStatus(first, "active");
        assertThat(active(source)).extracting(Link::id).containsExactlyInAnyOrder(first, second);

        jdbc.sql("delete from link_destination_cell where link_id = ?")
                .param(second)
                .update();
        jdbc.sql("delete from link where id = ?").param(second).update();
        assertThat(active(source)).extracting(Link::id).containsExactly(first);
    }

    private List<Link> active(UUID source) {
        return store.activeFrom(KnownDocument.WORKBOOK, source);
    }

    private void setStatus(UUID link, String status) {
        jdbc.sql("update link set status = ? where id = ?").params(status, link).update();
    }
}

package io.ledgerflow.linking;

import io.ledgerflow.linking.link.LinkCreated;
import io.ledgerflow.linking.link.LinkRemoved;
import io.ledgerflow.linking.link.LinkStateChanged;
import io.ledgerflow.linking.link.SourceValuesRequested;
import io.ledgerflow.linking.propagation.LinkedSourceValue;
import io.ledgerflow.linking.propagation.LinkedValuesSet;
import io.ledgerflow.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed JSON Schema of each event this service produces is the one generated from its record, and
 * a changed record stays compatible with it (event-log README "Versions"). Regenerate after a compatible
 * change: {@code ./mvnw -pl linking-service test -Dtest=EventSchemasTest -Dledgerflow.schemas.write=true}.
 */
class EventSchemasTest {

    @ParameterizedTest
    @ValueSource(classes = {LinkCreated.class, LinkRemoved.class, SourceValuesRequested.class, LinkedSourceValue.class})
    void theCommittedSchemaIsTheRecordsAndCompatible(Class<?> event) {
        EventSchemas.assertCommitted(event);
    }

    /**
     * LinkedValuesSet is version 2 (one event per destination workbook); v1's schema stays committed,
     * with its sample, for the events of v1 still in the log (no record produces it any more).
     */
    @Test
    void linkedValuesSetIsVersion2() {
        EventSchemas.assertCommitted("LinkedValuesSet", 2, LinkedValuesSet.class);
    }

    /**
     * LinkStateChanged is version 2 (the states of several links into one destination workbook);
     * v1's schema and sample stay for the events of v1 in the log.
     */
    @Test
    void linkStateChangedIsVersion2() {
        EventSchemas.assertCommitted("LinkStateChanged", 2, LinkStateChanged.class);
    }
}

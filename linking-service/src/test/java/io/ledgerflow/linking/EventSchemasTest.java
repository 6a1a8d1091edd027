package io.ledgerflow.linking;

import io.ledgerflow.linking.link.LinkCreated;
import io.ledgerflow.linking.link.LinkRemoved;
import io.ledgerflow.linking.link.LinkStateChanged;
import io.ledgerflow.linking.link.SourceValuesRequested;
import io.ledgerflow.linking.propagation.LinkedValuesSet;
import io.ledgerflow.testsupport.EventSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed JSON Schema of each event this service produces is the one generated from its record, and
 * a changed record stays compatible with it (event-log README "Versions"). Regenerate after a compatible
 * change: {@code ./mvnw -pl linking-service test -Dtest=EventSchemasTest -Dledgerflow.schemas.write=true}.
 */
class EventSchemasTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                LinkCreated.class,
                LinkRemoved.class,
                SourceValuesRequested.class,
                LinkedValuesSet.class,
                LinkStateChanged.class
            })
    void theCommittedSchemaIsTheRecordsAndCompatible(Class<?> event) {
        EventSchemas.assertCommitted(event);
    }
}

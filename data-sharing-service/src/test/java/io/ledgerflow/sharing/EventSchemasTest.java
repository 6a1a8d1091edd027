package io.ledgerflow.sharing;

import io.ledgerflow.sharing.dataset.DatasetEvents.DatasetCreated;
import io.ledgerflow.sharing.dataset.DatasetEvents.DatasetDeleted;
import io.ledgerflow.sharing.publish.DatasetLatest;
import io.ledgerflow.sharing.publish.PublishEvents.DatasetRowsChanged;
import io.ledgerflow.sharing.publish.PublishEvents.DatasetVersionPublished;
import io.ledgerflow.sharing.share.ShareEvents.DatasetShareRevoked;
import io.ledgerflow.sharing.share.ShareEvents.DatasetShared;
import io.ledgerflow.testsupport.EventSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed JSON Schema of each event this service produces is the one generated from its record, and
 * a changed record stays compatible with it (event-log README "Versions"). Regenerate after a compatible
 * change: {@code ./mvnw -pl data-sharing-service test -Dtest=EventSchemasTest -Dledgerflow.schemas.write=true}.
 */
class EventSchemasTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                DatasetCreated.class,
                DatasetDeleted.class,
                DatasetVersionPublished.class,
                DatasetRowsChanged.class,
                DatasetShared.class,
                DatasetShareRevoked.class,
                DatasetLatest.class
            })
    void theCommittedSchemaIsTheRecordsAndCompatible(Class<?> event) {
        EventSchemas.assertCommitted(event);
    }
}

package io.ledgerflow.pong.service;

import io.ledgerflow.pong.service.game.GameEvents.GameCreated;
import io.ledgerflow.pong.service.game.GameEvents.GameEnded;
import io.ledgerflow.pong.service.game.GameEvents.PlayerJoined;
import io.ledgerflow.pong.service.game.GameEvents.PlayerLeft;
import io.ledgerflow.pong.service.runner.GameSnapshotTaken;
import io.ledgerflow.testsupport.EventSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed JSON Schema of each event this service produces is the one generated from its record, and
 * a changed record stays compatible with it (event-log README "Versions"). Regenerate after a compatible
 * change: {@code ./mvnw -pl pong-service test -Dtest=EventSchemasTest -Dledgerflow.schemas.write=true}.
 */
class EventSchemasTest {

    @ParameterizedTest
    @ValueSource(
            classes = {GameCreated.class, PlayerJoined.class, PlayerLeft.class, GameEnded.class, GameSnapshotTaken.class
            })
    void theCommittedSchemaIsTheRecordsAndCompatible(Class<?> event) {
        EventSchemas.assertCommitted(event);
    }
}

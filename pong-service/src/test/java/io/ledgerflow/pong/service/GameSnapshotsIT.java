package io.ledgerflow.pong.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.service.runner.GameSnapshotTaken;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running game's stored snapshots go to the compacted topic {@code game-snapshots} through the outbox, keyed by
 * the game id; ending the game puts a tombstone there.
 */
@IntegrationTest
class GameSnapshotsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    EnvelopeCodec codec;

    @Test
    void aRunningGamesSnapshotsAreOnTheStateTopicAndItsEndIsATombstone() {
        Http http = new Http("http://localhost:" + port);
        String games =
                "/api/pong/workspaces/snap-" + UUID.randomUUID().toString().substring(0, 8) + "/games";
        Http.Response created = http.postJson(games, "{\"name\":\"snapshots\",\"players\":2,\"balls\":4,\"shards\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();

        String first = TopicReader.read(Topics.Pong.GAME_SNAPSHOTS.name(), id, 1, Objects::nonNull)
                .getFirst();
        GameSnapshotTaken snapshot = codec.payload(codec.decode(first).orElseThrow(), GameSnapshotTaken.class);
        assertThat(snapshot.gameId()).hasToString(id);
        assertThat(snapshot.snapshot().balls()).hasSize(4);
        assertThat(snapshot.stateHash()).isEqualTo(snapshot.snapshot().stateHash());

        assertThat(http.delete(games + "/" + id).status()).isEqualTo(204);
        assertThat(TopicReader.read(Topics.Pong.GAME_SNAPSHOTS.name(), id, 1, Objects::isNull))
                .as("a tombstone for the ended game")
                .hasSize(1);
    }
}

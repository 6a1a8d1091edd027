package io.ledgerflow.eventlog.topic;

import java.time.Duration;
import java.util.List;

/**
 * The registry of every topic of the suite, grouped by the service that produces it. Producers
 * and consumers both name topics through these constants, so a rename cannot split them; services
 * (or the chart's topics Job) create them from here, and the chart's list of topics is checked
 * against {@link #all()}.
 *
 * <p>Domain events are kept for ever: they are the log of record, and a consumer that starts later
 * reads them from the beginning. The compacted state topics ({@link Topic#compacted}) hold the whole
 * latest state of each key instead, written through the outbox like events, a tombstone (null value,
 * {@code Outbox.appendTombstone}) when the entity is gone: a new reader takes the current state of
 * every key from the beginning without the history ({@link Sharing#DATASET_LATEST}, {@link
 * Pong#GAME_SNAPSHOTS}, {@link Linking#SOURCE_VALUES}).
 */
public final class Topics {

    private Topics() {}

    /** Produced by calculation-service. */
    public static final class Calculation {
        /** WorkbookCreated, WorkbookDeleted, CellValuesChanged; key = workbook id. */
        public static final Topic WORKBOOK_EVENTS =
                new Topic("ledgerflow.calculation.workbook-events.v1", 6, "calculation-service");

        /** Dead letters of calculation's consumer of {@link Linking#LINK_EVENTS} (SourceValuesRequested). */
        public static final Topic LINK_EVENTS_DLT =
                Topic.deadLetters("ledgerflow.calculation.link-events-dlt.v1", "calculation-service");

        /** Dead letters of calculation's consumer of {@link Linking#LINKED_VALUES}. */
        public static final Topic LINKED_VALUES_DLT =
                Topic.deadLetters("ledgerflow.calculation.linked-values-dlt.v1", "calculation-service");

        private Calculation() {}
    }

    /** Produced by linking-service. */
    public static final class Linking {
        /** LinkCreated, LinkRemoved; key = link id. */
        public static final Topic LINK_EVENTS = new Topic("ledgerflow.linking.link-events.v1", 6, "linking-service");
        /** LinkedValuesSet; key = destination workbook id. */
        public static final Topic LINKED_VALUES =
                new Topic("ledgerflow.linking.linked-values.v1", 6, "linking-service");

        /**
         * Compacted: LinkedSourceValue, the latest value of each workbook cell that is the source of an
         * active link; key = the cell, {@code workbookId!Sheet!A1}; a tombstone when the last active link
         * out of the cell stops or goes (the source workbook deleted included).
         */
        public static final Topic SOURCE_VALUES =
                new Topic("ledgerflow.linking.source-values.v1", 6, "linking-service").compacted(Duration.ofMinutes(5));

        /** Dead letters of linking's consumer of {@link Calculation#WORKBOOK_EVENTS}. */
        public static final Topic WORKBOOK_EVENTS_DLT =
                Topic.deadLetters("ledgerflow.linking.workbook-events-dlt.v1", "linking-service");

        /** Dead letters of linking's consumer of {@link Sharing#DATASET_EVENTS}. */
        public static final Topic DATASET_EVENTS_DLT =
                Topic.deadLetters("ledgerflow.linking.dataset-events-dlt.v1", "linking-service");

        private Linking() {}
    }

    /** Produced by data-sharing-service. */
    public static final class Sharing {
        /** DatasetCreated, DatasetVersionPublished, DatasetShared, ShareRevoked; key = dataset id. */
        public static final Topic DATASET_EVENTS =
                new Topic("ledgerflow.sharing.dataset-events.v1", 6, "data-sharing-service");

        /**
         * Compacted: DatasetLatest, the latest published version of each dataset (its schema and row
         * counts); key = dataset id; a tombstone when the dataset is deleted.
         */
        public static final Topic DATASET_LATEST = new Topic(
                        "ledgerflow.sharing.dataset-latest.v1", 6, "data-sharing-service")
                .compacted(Duration.ofMinutes(5));

        private Sharing() {}
    }

    /** Produced by pong-service. */
    public static final class Pong {
        /** GameCreated, PlayerJoined, PlayerLeft, GameEnded; key = game id. */
        public static final Topic GAME_EVENTS = new Topic("ledgerflow.pong.game-events.v1", 6, "pong-service");

        /**
         * Every entry of a game's frame log (FrameCommitted, Correction, Snapshot); key = game id. A
         * feed for watchers outside the suite (a running game serves its own joiners), heavy: a day.
         */
        public static final Topic GAME_FRAMES =
                new Topic("ledgerflow.pong.game-frames.v1", 6, "pong-service").keptFor(Duration.ofDays(1));

        /**
         * Compacted: GameSnapshotTaken, the latest stored snapshot of each running game; key = game id; a
         * tombstone when the game ends. Compacted after a minute: snapshots come every few seconds.
         */
        public static final Topic GAME_SNAPSHOTS =
                new Topic("ledgerflow.pong.game-snapshots.v1", 6, "pong-service").compacted(Duration.ofMinutes(1));

        /** pong-core protocol messages between the processes of a game's shards; key = game id. */
        public static final Topic SHARD_MESSAGES =
                new Topic("ledgerflow.pong.shard-messages.v1", 6, "pong-service").keptFor(Duration.ofMinutes(10));

        /**
         * Which instance hosts which shards of which game; one partition keeps it in order. Messages
         * matter for seconds: ten minutes.
         */
        public static final Topic SHARD_CONTROL =
                new Topic("ledgerflow.pong.shard-control.v1", 1, "pong-service").keptFor(Duration.ofMinutes(10));

        private Pong() {}
    }

    public static List<Topic> all() {
        return List.of(
                Calculation.WORKBOOK_EVENTS,
                Linking.LINK_EVENTS,
                Linking.LINKED_VALUES,
                Linking.SOURCE_VALUES,
                Sharing.DATASET_EVENTS,
                Sharing.DATASET_LATEST,
                Pong.GAME_EVENTS,
                Pong.GAME_SNAPSHOTS,
                Pong.GAME_FRAMES,
                Pong.SHARD_MESSAGES,
                Pong.SHARD_CONTROL,
                Calculation.LINK_EVENTS_DLT,
                Calculation.LINKED_VALUES_DLT,
                Linking.WORKBOOK_EVENTS_DLT,
                Linking.DATASET_EVENTS_DLT);
    }

    /** The dead-letter topics (one per consumer), the ones {@code DeadLetters} lists and replays from. */
    public static List<Topic> deadLetters() {
        return all().stream().filter(t -> t.name().endsWith("-dlt.v1")).toList();
    }
}

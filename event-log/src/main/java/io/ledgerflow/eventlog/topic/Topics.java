package io.ledgerflow.eventlog.topic;

import java.util.List;

/**
 * The registry of every topic of the suite, grouped by the service that produces it. Producers
 * and consumers both name topics through these constants, so a rename cannot split them.
 */
public final class Topics {

    private Topics() {}

    /** Produced by calculation-service. */
    public static final class Calculation {
        /** WorkbookCreated, WorkbookDeleted, CellValuesChanged; key = workbook id. */
        public static final Topic WORKBOOK_EVENTS =
                new Topic("ledgerflow.calculation.workbook-events.v1", 6, "calculation-service");

        private Calculation() {}
    }

    /** Produced by linking-service. */
    public static final class Linking {
        /** LinkCreated, LinkRemoved; key = link id. */
        public static final Topic LINK_EVENTS = new Topic("ledgerflow.linking.link-events.v1", 6, "linking-service");
        /** LinkedValuesSet; key = destination workbook id. */
        public static final Topic LINKED_VALUES =
                new Topic("ledgerflow.linking.linked-values.v1", 6, "linking-service");

        private Linking() {}
    }

    /** Produced by data-sharing-service. */
    public static final class Sharing {
        /** DatasetCreated, DatasetVersionPublished, DatasetShared, ShareRevoked; key = dataset id. */
        public static final Topic DATASET_EVENTS =
                new Topic("ledgerflow.sharing.dataset-events.v1", 6, "data-sharing-service");

        private Sharing() {}
    }

    /** Produced by pong-service. */
    public static final class Pong {
        /** GameCreated, PlayerJoined, PlayerLeft, GameEnded; key = game id. */
        public static final Topic GAME_EVENTS = new Topic("ledgerflow.pong.game-events.v1", 6, "pong-service");

        private Pong() {}
    }

    public static List<Topic> all() {
        return List.of(
                Calculation.WORKBOOK_EVENTS,
                Linking.LINK_EVENTS,
                Linking.LINKED_VALUES,
                Sharing.DATASET_EVENTS,
                Pong.GAME_EVENTS);
    }
}

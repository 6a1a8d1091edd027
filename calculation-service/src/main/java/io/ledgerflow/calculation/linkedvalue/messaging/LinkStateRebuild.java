package io.ledgerflow.calculation.linkedvalue.messaging;

import io.ledgerflow.calculation.linkedvalue.LinkedValues;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.replay.Replay;
import io.ledgerflow.eventlog.topic.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds calculation's view of links (table {@code link_state}: linking's latest word on each link into a
 * workbook here) from the log alone: drops it and replays {@code ledgerflow.linking.linked-values.v1} from the
 * beginning, applying only LinkStateChanged and only as knowledge ({@link LinkedValues#learnState}): no cell is
 * edited, no revision written, no event emitted. The replay has an inbox consumer of its own
 * ({@value #CONSUMER}), so the live consumer's inbox (which keeps LinkedValuesSet applied once) is untouched.
 * Run at start-up with {@code ledgerflow.calculation.rebuild-link-state=true}
 * ({@code CALCULATION_REBUILD_LINK_STATE=true}).
 *
 * <p>Not rebuilt: {@code linked_cell} (which cells hold a linked value) also follows the workbook's own edits and
 * structure changes, which are calculation's, not linking's: replaying linking's topic alone cannot give it.
 */
@Component
public class LinkStateRebuild implements ApplicationRunner {

    static final String CONSUMER = "calculation-link-state-rebuild";
    private static final Logger log = LoggerFactory.getLogger(LinkStateRebuild.class);

    private final Replay replay;
    private final LinkedValues linkedValues;
    private final EnvelopeCodec codec;
    private final JdbcClient jdbc;
    private final boolean atStart;

    LinkStateRebuild(
            Replay replay,
            LinkedValues linkedValues,
            EnvelopeCodec codec,
            JdbcClient jdbc,
            @Value("${ledgerflow.calculation.rebuild-link-state:false}") boolean atStart) {
        this.replay = replay;
        this.linkedValues = linkedValues;
        this.codec = codec;
        this.jdbc = jdbc;
        this.atStart = atStart;
    }

    /** Drops {@code link_state} and replays linking's linked-values topic into it; idempotent. */
    public Replay.Result rebuild() {
        Replay.Result result = replay.rebuild(
                CONSUMER,
                List.of(Topics.Linking.LINKED_VALUES.name()),
                () -> jdbc.sql("delete from link_state").update(),
                event -> {
                    if (event.type().equals("LinkStateChanged") && event.version() == 1) {
                        linkedValues.learnState(
                                event.tenant(), codec.payload(event, LinkedValues.LinkStateChanged.class));
                    } else if (event.type().equals("LinkStateChanged") && event.version() == 2) {
                        codec.payload(event, LinkedValues.LinkStatesChanged.class)
                                .each()
                                .forEach(state -> linkedValues.learnState(event.tenant(), state));
                    }
                });
        log.info(
                "link_state rebuilt from {}: {} events in {} ms ({} undecodable skipped)",
                Topics.Linking.LINKED_VALUES.name(),
                result.applied(),
                result.took().toMillis(),
                result.undecodable());
        return result;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (atStart) {
            rebuild();
        }
    }
}

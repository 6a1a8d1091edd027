package io.ledgerflow.linking.intake.messaging;

import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import io.ledgerflow.eventlog.replay.Replay;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.dataset.persistence.DatasetStore;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.stereotype.Component;

/**
 * Rebuilds what linking learnt from the log — its read model: {@code document} (the workbooks and datasets it
 * knows, with their latest revision or version and {@code applied_events}), {@code dataset_row} (the rows it keeps)
 * and {@code dataset_grant} (grants and revocations) — from calculation's and data-sharing's topics alone.
 *
 * <p>It stops the two intake bindings, drops the three tables and replays both topics from the beginning with
 * {@link SourceEventsListener}'s effects in learn-only mode: no link is broken, moved or revoked, no value carried,
 * nothing appended to the outbox (re-emitting would double every effect downstream). It learns exactly the events
 * the live intake applied — those in the live consumers' inbox — so an event the live intake has not reached yet is
 * left to it, and it then both learns and propagates it once, when the bindings run again. The replay has an inbox
 * consumer of its own ({@value #CONSUMER}): a record the log holds twice is learnt once. Idempotent: rebuilding
 * again gives the same tables.
 *
 * <p>Not rebuilt: links ({@code link}, {@code link_destination_cell}, {@code link_pending}), linking's own source
 * of truth, written by its API and by the live intake's reactions.
 *
 * <p>At start with {@code ledgerflow.linking.rebuild-read-model=true} ({@code LINKING_REBUILD_READ_MODEL=true}); the
 * service is not ready (readiness {@code REFUSING_TRAFFIC}) until runners, this one included, have finished.
 */
@Component
public class ReadModelRebuild implements ApplicationRunner {

    static final String CONSUMER = "linking-read-model-rebuild";
    static final List<String> BINDINGS = List.of("workbookEvents-in-0", "datasetEvents-in-0");
    private static final List<String> LIVE_CONSUMERS =
            List.of(SourceEventsListener.WORKBOOK_CONSUMER, SourceEventsListener.DATASET_CONSUMER);
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final Replay replay;
    private final Inbox inbox;
    private final SourceEventsListener intake;
    private final DocumentCatalogue catalogue;
    private final DatasetStore datasets;
    private final ObjectProvider<BindingsLifecycleController> bindings;
    private final boolean atStart;

    ReadModelRebuild(
            Replay replay,
            Inbox inbox,
            SourceEventsListener intake,
            DocumentCatalogue catalogue,
            DatasetStore datasets,
            ObjectProvider<BindingsLifecycleController> bindings,
            @Value("${ledgerflow.linking.rebuild-read-model:false}") boolean atStart) {
        this.replay = replay;
        this.inbox = inbox;
        this.intake = intake;
        this.catalogue = catalogue;
        this.datasets = datasets;
        this.bindings = bindings;
        this.atStart = atStart;
    }

    /** Drops the read model and learns it again from the log; the intake bindings are stopped meanwhile. */
    public Replay.Result rebuild() {
        List<String> stopped = stopRunningBindings();
        Map<UUID, String> appliedLiveBy = new HashMap<>(); // the poll's events the live intake applied, and which
        try {
            Replay.Result result = replay.rebuild(
                    CONSUMER,
                    List.of(Topics.Calculation.WORKBOOK_EVENTS.name(), Topics.Sharing.DATASET_EVENTS.name()),
                    () -> {
                        catalogue.forgetAll();
                        datasets.forgetAll();
                    },
                    poll -> {
                        appliedLiveBy.clear();
                        appliedLiveBy.putAll(inbox.processedBy(
                                LIVE_CONSUMERS,
                                poll.stream().map(EventEnvelope::id).toList()));
                        return poll.stream()
                                .filter(event -> appliedLiveBy.containsKey(event.id()))
                                .toList();
                    },
                    event -> learn(event, appliedLiveBy.get(event.id())));
            log.info(
                    "linking read model rebuilt from the log: {} events in {} ms ({} undecodable skipped)",
                    result.applied(),
                    result.took().toMillis(),
                    result.undecodable());
            return result;
        } finally {
            BindingsLifecycleController controller = bindings.getIfAvailable();
            stopped.forEach(name -> controller.changeState(name, BindingsLifecycleController.State.STARTED));
        }
    }

    /** Learns an event the live intake applied, as the live consumer that applied it did. */
    private void learn(EventEnvelope event, String appliedBy) {
        if (SourceEventsListener.WORKBOOK_CONSUMER.equals(appliedBy)) {
            intake.workbook(event, false);
        } else {
            intake.dataset(event, false);
        }
    }

    /** Stops the intake bindings that run, waiting for their current poll; returns those it stopped. */
    private List<String> stopRunningBindings() {
        BindingsLifecycleController controller = bindings.getIfAvailable();
        List<String> stopped = new ArrayList<>();
        if (controller == null) {
            return stopped;
        }
        for (String name : BINDINGS) {
            if (controller.queryState(name).stream().anyMatch(Binding::isRunning)) {
                controller.changeState(name, BindingsLifecycleController.State.STOPPED);
                stopped.add(name);
            }
        }
        return stopped;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (atStart) {
            rebuild();
        }
    }
}

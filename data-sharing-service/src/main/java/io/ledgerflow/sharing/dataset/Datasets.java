package io.ledgerflow.sharing.dataset;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.sharing.dataset.DatasetEvents.DatasetCreated;
import io.ledgerflow.sharing.dataset.persistence.DatasetStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Dataset definitions and their versions' metadata; publishing is {@code publish}'s, reading {@code read}'s. */
@Service
public class Datasets {

    public static final String AGGREGATE = "dataset";

    private final DatasetStore store;
    private final Outbox outbox;
    private final Clock clock;

    Datasets(DatasetStore store, Outbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Dataset create(String workspace, String name, List<Column> columns, List<String> primaryKey) {
        Schema schema = Schema.define(columns, primaryKey);
        Dataset dataset = new Dataset(
                UUID.randomUUID(), workspace, name, schema.columns(), schema.primaryKey(), 0, clock.instant());
        store.insert(dataset);
        outbox.append(
                Topics.Sharing.DATASET_EVENTS,
                AGGREGATE,
                dataset.id().toString(),
                workspace,
                DatasetCreated.of(dataset));
        return dataset;
    }

    /**
     * Deletes the dataset (it waits for a publish in progress): reads, publishes and grants no
     * longer find it, and DatasetDeleted (and a tombstone on the dataset-latest topic) go out in the same
     * transaction.
     */
    @Transactional
    public void delete(String workspace, UUID id) {
        Dataset dataset = lock(workspace, id);
        store.markDeleted(id, clock.instant());
        outbox.append(
                Topics.Sharing.DATASET_EVENTS,
                AGGREGATE,
                id.toString(),
                workspace,
                new DatasetEvents.DatasetDeleted(id, workspace, dataset.latestVersion()));
        outbox.appendTombstone(Topics.Sharing.DATASET_LATEST, id.toString());
    }

    @Transactional(readOnly = true)
    public Dataset get(String workspace, UUID id) {
        return store.find(id, workspace).orElseThrow(() -> notFound(workspace, id));
    }

    /** Any workspace's dataset, for a read a grant allows (the caller checked the grant). */
    @Transactional(readOnly = true)
    public Dataset get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("dataset " + id + " does not exist"));
    }

    /** Any workspace's dataset, or empty when there is none (or it was deleted). */
    @Transactional(readOnly = true)
    public Optional<Dataset> find(UUID id) {
        return store.find(id);
    }

    /** The dataset, its row locked until the caller's transaction ends (publishes take turns). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dataset lock(String workspace, UUID id) {
        return store.lock(id, workspace).orElseThrow(() -> notFound(workspace, id));
    }

    /** Records a version the caller published in its transaction, with the dataset locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addVersion(Dataset dataset, DatasetVersion version) {
        store.addVersion(dataset, version);
    }

    @Transactional(readOnly = true)
    public List<Dataset> list(String workspace, int page, int size) {
        return store.list(workspace, page, size);
    }

    @Transactional(readOnly = true)
    public long count(String workspace) {
        return store.count(workspace);
    }

    /** Version {@code n} (0 is the empty dataset before the first publish), or 404. */
    @Transactional(readOnly = true)
    public DatasetVersion version(Dataset dataset, long n) {
        if (n == 0) {
            return new DatasetVersion(dataset.id(), 0, "full", 0, 0, 0, 0, dataset.columns(), dataset.createdAt());
        }
        return store.version(dataset.id(), n)
                .orElseThrow(() -> new NotFoundException("dataset " + dataset.id() + " has no version " + n
                        + " (it has " + dataset.latestVersion() + ")"));
    }

    /** The version current at {@code at}: the last published at or before it, or 404. */
    @Transactional(readOnly = true)
    public DatasetVersion versionAt(Dataset dataset, Instant at) {
        return store.versionAt(dataset.id(), at)
                .orElseThrow(() -> new NotFoundException("dataset " + dataset.id() + " had no version at " + at
                        + " (created " + dataset.createdAt() + ")"));
    }

    private static NotFoundException notFound(String workspace, UUID id) {
        return new NotFoundException("dataset " + id + " does not exist in workspace " + workspace);
    }
}

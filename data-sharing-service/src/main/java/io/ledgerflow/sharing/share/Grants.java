package io.ledgerflow.sharing.share;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.ConflictException;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.Datasets;
import io.ledgerflow.sharing.dataset.Schema;
import io.ledgerflow.sharing.read.Condition;
import io.ledgerflow.sharing.share.ShareEvents.DatasetShareRevoked;
import io.ledgerflow.sharing.share.ShareEvents.DatasetShared;
import io.ledgerflow.sharing.share.persistence.GrantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing a dataset with other workspaces: grant (optionally a column subset and a row filter),
 * list, revoke — each with its event in the same transaction — and the access check of every
 * grantee read: without an active grant the dataset does not exist for the grantee (404).
 */
@Service
public class Grants {

    /** What a grantee may read: the owner's dataset through the grant's slice. */
    public record Access(Dataset dataset, Grant grant) {}

    private final Datasets datasets;
    private final GrantStore store;
    private final Outbox outbox;
    private final Clock clock;

    Grants(Datasets datasets, GrantStore store, Outbox outbox, Clock clock) {
        this.datasets = datasets;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Grant grant(
            String workspace,
            UUID datasetId,
            String grantee,
            List<String> columns,
            List<Condition> rowFilter,
            String by) {
        Dataset dataset = datasets.lock(workspace, datasetId);
        if (grantee.equals(workspace)) {
            throw new InvalidInputException("grantee", "a workspace reads its own datasets without a grant");
        }
        Schema schema = dataset.schema();
        if (columns != null) {
            for (String column : columns) {
                if (schema.column(column) == null) {
                    throw new InvalidInputException(
                            "columns", "there is no column " + column + " (columns: " + schema.names() + ")");
                }
            }
            if (!columns.containsAll(schema.primaryKey())) {
                throw new InvalidInputException(
                        "columns", "a grant shows the key columns " + schema.primaryKey() + " (rows are read by key)");
            }
            if (new HashSet<>(columns).size() != columns.size()) {
                throw new InvalidInputException("columns", "a column is listed twice");
            }
        }
        List<Condition> conditions = new ArrayList<>();
        List<Condition> asked = rowFilter == null ? List.of() : rowFilter;
        for (int i = 0; i < asked.size(); i++) {
            if (asked.get(i) == null) {
                throw new InvalidInputException("rowFilter[" + i + "]", "a condition is {column, op, value}");
            }
            conditions.add(asked.get(i).typed(schema, "rowFilter[" + i + "]"));
        }
        if (store.active(datasetId, grantee).isPresent()) {
            throw new ConflictException("workspace " + grantee + " already has an active grant on dataset " + datasetId
                    + "; revoke it first");
        }
        Grant grant =
                new Grant(UUID.randomUUID(), datasetId, workspace, grantee, columns, conditions, by, now(), null, null);
        store.insert(grant);
        append(dataset, DatasetShared.of(grant));
        return grant;
    }

    @Transactional
    public Grant revoke(String workspace, UUID datasetId, UUID grantId, String by) {
        Dataset dataset = datasets.lock(workspace, datasetId);
        Grant grant = store.find(datasetId, grantId).orElseThrow(() -> unknownGrant(datasetId, grantId));
        Instant at = now();
        if (!store.revoke(grantId, by, at)) {
            throw new ConflictException("grant " + grantId + " was revoked at " + grant.revokedAt());
        }
        Grant revoked = grant.revoked(by, at);
        append(dataset, DatasetShareRevoked.of(revoked));
        return revoked;
    }

    /** Every grant of the owner's dataset, active and revoked (the history). */
    @Transactional(readOnly = true)
    public List<Grant> list(String workspace, UUID datasetId) {
        Dataset dataset = datasets.get(workspace, datasetId);
        return store.ofDataset(dataset.id());
    }

    @Transactional(readOnly = true)
    public Grant get(String workspace, UUID datasetId, UUID grantId) {
        Dataset dataset = datasets.get(workspace, datasetId);
        return store.find(dataset.id(), grantId).orElseThrow(() -> unknownGrant(datasetId, grantId));
    }

    /** The datasets shared with the grantee now, with their grants. */
    @Transactional(readOnly = true)
    public List<Access> sharedWith(String grantee) {
        return store.activeFor(grantee).stream()
                .flatMap(grant -> datasets.find(grant.datasetId()).map(d -> new Access(d, grant)).stream())
                .toList();
    }

    /** The grantee's access to a dataset, or 404 — as if it did not exist — without an active grant. */
    @Transactional(readOnly = true)
    public Access access(String grantee, UUID datasetId) {
        Grant grant = store.active(datasetId, grantee)
                .orElseThrow(() ->
                        new NotFoundException("no dataset " + datasetId + " is shared with workspace " + grantee));
        return new Access(datasets.get(datasetId), grant);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void append(Dataset dataset, DomainEvent event) {
        outbox.append(
                Topics.Sharing.DATASET_EVENTS, Datasets.AGGREGATE, dataset.id().toString(), dataset.workspace(), event);
    }

    private static NotFoundException unknownGrant(UUID datasetId, UUID grantId) {
        return new NotFoundException("dataset " + datasetId + " has no grant " + grantId);
    }
}

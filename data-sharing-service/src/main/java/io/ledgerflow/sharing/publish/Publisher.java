package io.ledgerflow.sharing.publish;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.DatasetVersion;
import io.ledgerflow.sharing.dataset.Datasets;
import io.ledgerflow.sharing.dataset.Schema;
import io.ledgerflow.sharing.publish.PublishEvents.DatasetRowsChangedChunk;
import io.ledgerflow.sharing.publish.PublishEvents.DatasetVersionPublished;
import io.ledgerflow.sharing.publish.persistence.RowVersionWriter;
import io.ledgerflow.sharing.publish.persistence.RowVersionWriter.Counts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes a dataset's next version. One transaction holds the dataset's row lock (publishes of
 * a dataset take turns, versions are gapless), checks and stages every row, writes the row
 * versions, the version and its events to the outbox — or, on any bad row, nothing.
 */
@Service
public class Publisher {

    /** Rows per {@code DatasetRowsChanged} event, at most (a chunk closes at CHUNK rows or CHUNK_BYTES). */
    public static final int CHUNK = 1000;

    /**
     * Bytes of row JSON after which a {@code DatasetRowsChanged} chunk closes: a chunk holds at most twice this plus one
     * row, well under the outbox's 1,000,000-byte limit on an event, however wide the rows.
     */
    public static final int CHUNK_BYTES = 300_000;

    /** Changed rows from which a publish gathers the row versions' statistics once it has committed. */
    static final int ANALYZE_AFTER = 100_000;

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final Datasets datasets;
    private final RowVersionWriter writer;
    private final Outbox outbox;
    private final Clock clock;

    Publisher(Datasets datasets, RowVersionWriter writer, Outbox outbox, Clock clock) {
        this.datasets = datasets;
        this.writer = writer;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public DatasetVersion publish(String workspace, UUID id, Publication publication, RowSource rows) {
        Dataset dataset = datasets.lock(workspace, id);
        Schema schema = publication.columns() == null
                ? dataset.schema()
                : dataset.schema()
                        .evolve(publication.columns(), publication.allowBreakingSchemaChange(), publication.full());
        DatasetVersion previous = datasets.version(dataset, dataset.latestVersion());
        long number = dataset.latestVersion() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant at = now.isBefore(previous.publishedAt()) ? previous.publishedAt() : now;

        long start = System.nanoTime();
        writer.stage(rows, schema, publication.full());
        writer.refuseDuplicateKeys(rows, String.join("|", schema.primaryKey()));
        long staged = System.nanoTime();
        Counts counts = publication.full() ? writer.applyFull(id, number) : writer.applyDelta(id, number);
        long applied = System.nanoTime();
        DatasetVersion version = new DatasetVersion(
                id,
                number,
                publication.kind(),
                previous.rowCount() + counts.inserted() - counts.deleted(),
                counts.inserted(),
                counts.updated(),
                counts.deleted(),
                schema.columns(),
                at);
        datasets.addVersion(dataset, version);
        DatasetVersionPublished published = new DatasetVersionPublished(
                id,
                workspace,
                dataset.name(),
                number,
                at,
                version.kind(),
                version.rowCount(),
                version.inserted(),
                version.updated(),
                version.deleted(),
                schema.columns(),
                schema.primaryKey());
        append(dataset, published);
        long changed = counts.inserted() + counts.updated() + counts.deleted();
        if (changed >= ANALYZE_AFTER) {
            writer.analyzeAfterCommit();
        }
        writer.changeChunks(
                id,
                number,
                counts,
                CHUNK,
                CHUNK_BYTES,
                schema.columns(),
                (chunk, chunks, rowsJson) -> append(
                        dataset, new DatasetRowsChangedChunk(id, workspace, number, at, chunk, chunks, rowsJson)));
        outbox.append(
                Topics.Sharing.DATASET_LATEST,
                Datasets.AGGREGATE,
                id.toString(),
                workspace,
                DatasetLatest.of(published));
        log.info(
                "dataset {} version {} ({}, {} rows, {} changed): checked and staged in {} ms, row versions written"
                        + " in {} ms, events in {} ms",
                id,
                number,
                version.kind(),
                version.rowCount(),
                changed,
                (staged - start) / 1_000_000,
                (applied - staged) / 1_000_000,
                (System.nanoTime() - applied) / 1_000_000);
        return version;
    }

    private void append(Dataset dataset, DomainEvent event) {
        outbox.append(
                Topics.Sharing.DATASET_EVENTS, Datasets.AGGREGATE, dataset.id().toString(), dataset.workspace(), event);
    }
}

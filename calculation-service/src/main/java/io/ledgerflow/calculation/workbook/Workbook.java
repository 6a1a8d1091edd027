package io.ledgerflow.calculation.workbook;

import io.ledgerflow.service.problem.InvalidInputException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A workbook of a workspace. Immutable: a change returns a new instance with the next revision.
 *
 * @param dateSystem 1900, or 1904 when the workbook counts dates from 1904-01-01 (set at creation)
 * @param version optimistic-lock version managed by Spring Data JDBC; null until first saved
 */
@Table("workbook")
public record Workbook(
        @Id UUID id,
        String workspace,
        String name,
        long revision,
        Instant createdAt,
        Instant deletedAt,
        int dateSystem,
        @Version Long version) {

    public static Workbook create(String workspace, String name, Instant now) {
        return create(workspace, name, now, false);
    }

    /** A new workbook; {@code date1904}: it counts dates in the 1904 date system. */
    public static Workbook create(String workspace, String name, Instant now, boolean date1904) {
        return new Workbook(UUID.randomUUID(), workspace, name, 1, now, null, date1904 ? 1904 : 1900, null);
    }

    public WorkbookCreated created() {
        return new WorkbookCreated(id, name, revision, dateSystem);
    }

    /** The revision a read asks for ({@code asOf}), or the latest when it asks for none. */
    public long revisionToRead(Long asOf) {
        return asOf == null ? revision : checkRevision("revision", asOf);
    }

    /** The revision when the workbook has it; otherwise a 422 naming the revisions it has. */
    public long checkRevision(String field, long wanted) {
        if (wanted < 1 || wanted > revision) {
            throw new InvalidInputException(
                    field, "workbook " + id + " has revisions 1 to " + revision + ", not " + wanted);
        }
        return wanted;
    }

    /** The workbook after one more change. */
    public Workbook nextRevision() {
        return new Workbook(id, workspace, name, revision + 1, createdAt, deletedAt, dateSystem, version);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Workbook delete(Instant now) {
        return new Workbook(id, workspace, name, revision + 1, createdAt, now, dateSystem, version);
    }

    public WorkbookDeleted deleted() {
        return new WorkbookDeleted(id, revision);
    }
}

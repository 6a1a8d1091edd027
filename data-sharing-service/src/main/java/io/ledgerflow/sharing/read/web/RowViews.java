package io.ledgerflow.sharing.read.web;

import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.read.Reads;
import io.ledgerflow.sharing.read.RowJson;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON of reads, shared by the owner's and a grantee's paths. */
public final class RowViews {

    private RowViews() {}

    @Schema(description = "A page of a version's rows in key order; pass nextCursor as cursor for the next")
    public record RowPageView(
            @Schema(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            UUID datasetId,

            @Schema(example = "2") long version,
            @Schema(example = "2026-12-02T10:00:00Z") Instant publishedAt,

            @Schema(
                    example = "[{\"name\":\"currency\",\"type\":\"text\"},"
                            + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4}]")
            List<Column> columns,

            @ArraySchema(
                    schema = @Schema(type = "object", description = "a row: its values by column name"),
                    arraySchema =
                            @Schema(
                                    example =
                                            "[{\"currency\":\"CHF\",\"rate\":1.1310},{\"currency\":\"EUR\",\"rate\":1.0825}]"))
            List<RowJson> rows,

            @Schema(description = "null on the last page", example = "RVVS")
            String nextCursor) {

        public static RowPageView of(Reads.RowPage page) {
            return new RowPageView(
                    page.dataset().id(),
                    page.version().version(),
                    page.version().publishedAt(),
                    page.columns(),
                    page.rows(),
                    page.nextCursor());
        }
    }

    @Schema(description = "A page of the rows that differ between two versions, in key order")
    public record ChangePageView(
            @Schema(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            UUID datasetId,

            @Schema(example = "1") long from,
            @Schema(example = "3") long to,
            List<Column> columns,

            @Schema(
                    example =
                            "[{\"key\":[\"EUR\"],\"change\":\"updated\",\"before\":{\"currency\":\"EUR\",\"rate\":1.08},"
                                    + "\"after\":{\"currency\":\"EUR\",\"rate\":1.0825}},"
                                    + "{\"key\":[\"JPY\"],\"change\":\"deleted\",\"before\":{\"currency\":\"JPY\",\"rate\":0.0067}}]")
            List<Reads.Change> changes,

            @Schema(description = "null on the last page", example = "RVVS")
            String nextCursor) {

        public static ChangePageView of(Reads.ChangePage page) {
            return new ChangePageView(
                    page.dataset().id(), page.from(), page.to(), page.columns(), page.changes(), page.nextCursor());
        }
    }
}

package io.ledgerflow.sharing.read.web;

import io.ledgerflow.sharing.read.Reads.RowQuery;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/** The query parameters of reads, shared by the owner's and a grantee's paths. */
public final class ReadParams {

    public static final String FILTER =
            "column:op:value, op one of eq, ne, lt, le, gt, ge; repeat for AND (rate:gt:1.0)";

    private ReadParams() {}

    /** Which rows: latest, ?version=N or ?asOf=time; cursor, limit, filters, projection. */
    public record Rows(
            @Parameter(description = "a version number (default: the latest)", example = "2")
            Long version,

            @Parameter(description = "the version current at this time", example = "2026-12-02T10:30:00Z")
            Instant asOf,

            @Parameter(description = "nextCursor of the previous page")
            String cursor,

            @Parameter(description = "rows per page (default 1000)", example = "1000") @Min(1) @Max(10000)
            Integer limit,

            @Parameter(description = FILTER, example = "rate:gt:1.0")
            List<String> filter,

            @Parameter(description = "columns to return (default: all)", example = "currency,rate")
            List<String> columns) {

        public RowQuery query() {
            return new RowQuery(version, asOf, cursor, limit == null ? 1000 : limit, filter, columns);
        }
    }

    /** Which row: its key values (one per key column, in key order) in a version, latest or at a time. */
    public record Row(
            @Parameter(description = "the key values, in key order", example = "EUR") @NotNull
            List<String> key,

            @Parameter(example = "2") Long version,
            @Parameter(example = "2026-12-02T10:30:00Z") Instant asOf,
            @Parameter(example = "currency,rate") List<String> columns) {

        public RowQuery query() {
            return new RowQuery(version, asOf, null, 1, null, columns);
        }
    }

    /** Which changes: between versions from and to (default: the latest), a page after the cursor. */
    public record Changes(
            @Parameter(description = "0 is the empty dataset", example = "1") @NotNull @Min(0)
            Long from,

            @Parameter(description = "default: the latest version", example = "3")
            Long to,

            @Parameter(description = "nextCursor of the previous page")
            String cursor,

            @Parameter(description = "changes per page (default 1000)", example = "1000") @Min(1) @Max(10000)
            Integer limit) {

        public int pageSize() {
            return limit == null ? 1000 : limit;
        }
    }
}

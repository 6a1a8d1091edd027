package io.ledgerflow.calculation.web;

import io.ledgerflow.service.problem.InvalidInputException;

/** Revisions on the wire: the ETag of a workbook is its revision, quoted. */
public final class RevisionTags {

    private RevisionTags() {}

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /** Parses an {@code If-Match} header ({@code "7"}, {@code W/"7"} or {@code 7}); null when absent. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "If-Match", "If-Match must be a workbook revision such as \"7\", not " + header);
        }
    }
}

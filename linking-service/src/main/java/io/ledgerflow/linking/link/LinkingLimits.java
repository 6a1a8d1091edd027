package io.ledgerflow.linking.link;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of linking ({@code ledgerflow.linking.*}); beyond them a request gets a 422 naming the
 * field, and nothing is created.
 *
 * @param maxLinksPerWorkspace links one workspace may hold
 * @param maxLinkCells destination cells of one link (a range or a slice)
 * @param cycleCheck {@code documents} (the default): a link is refused when links alone would
 *     carry its destination's values back into its source cells, and also when they would reach
 *     its source document only through other cells, where formulas inside that workbook (which
 *     linking does not see) could close the loop; {@code cells}: only the first, exact at cell
 *     level — whoever sets it answers for formulas joining linked-in cells to linked-out ones
 */
@ConfigurationProperties("ledgerflow.linking")
public record LinkingLimits(
        @DefaultValue("100000") int maxLinksPerWorkspace,
        @DefaultValue("10000") int maxLinkCells,
        @DefaultValue(DOCUMENTS) String cycleCheck) {

    public static final String DOCUMENTS = "documents";
    public static final String CELLS = "cells";

    public LinkingLimits {
        if (!DOCUMENTS.equals(cycleCheck) && !CELLS.equals(cycleCheck)) {
            throw new IllegalArgumentException(
                    "ledgerflow.linking.cycle-check is documents or cells, not " + cycleCheck);
        }
    }
}

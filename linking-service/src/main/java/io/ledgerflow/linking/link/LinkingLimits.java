package io.ledgerflow.linking.link;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of linking ({@code ledgerflow.linking.*}); beyond them a request gets a 422 naming the
 * field, and nothing is created.
 *
 * @param maxLinksPerWorkspace links one workspace may hold
 * @param maxLinkCells destination cells of one link (a range or a slice)
 */
@ConfigurationProperties("ledgerflow.linking")
public record LinkingLimits(
        @DefaultValue("100000") int maxLinksPerWorkspace,
        @DefaultValue("10000") int maxLinkCells) {}

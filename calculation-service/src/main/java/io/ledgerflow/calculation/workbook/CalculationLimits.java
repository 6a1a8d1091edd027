package io.ledgerflow.calculation.workbook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one request may ask of the service ({@code ledgerflow.calculation.*}); beyond these a
 * request gets a 4xx problem naming the limit, and nothing is changed.
 *
 * @param maxBatchCells cells one edit may set
 * @param maxReadCells cells one range read may return
 * @param maxFormulaLength characters of one formula (Excel's own limit is 8,192)
 * @param maxWorkbookCells cells of an imported workbook
 * @param maxSheets sheets of a workbook
 * @param eventChunkCells cells per CellValuesChanged event
 * @param minRevisionWait how long a read waits for a requested minimum revision
 */
@ConfigurationProperties("ledgerflow.calculation")
public record CalculationLimits(
        @DefaultValue("100000") int maxBatchCells,
        @DefaultValue("100000") int maxReadCells,
        @DefaultValue("8192") int maxFormulaLength,
        @DefaultValue("2000000") int maxWorkbookCells,
        @DefaultValue("255") int maxSheets,
        @DefaultValue("1000") int eventChunkCells,
        @DefaultValue("5s") Duration minRevisionWait) {}

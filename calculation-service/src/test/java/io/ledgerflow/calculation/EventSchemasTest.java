package io.ledgerflow.calculation;

import io.ledgerflow.calculation.cell.CellValuesChanged;
import io.ledgerflow.calculation.linkedvalue.SourceValuesReported;
import io.ledgerflow.calculation.structure.WorkbookStructureChanged;
import io.ledgerflow.calculation.workbook.WorkbookCreated;
import io.ledgerflow.calculation.workbook.WorkbookDeleted;
import io.ledgerflow.testsupport.EventSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed JSON Schema of each event this service produces is the one generated from its record, and
 * a changed record stays compatible with it (event-log README "Versions"). Regenerate after a compatible
 * change: {@code ./mvnw -pl calculation-service test -Dtest=EventSchemasTest -Dledgerflow.schemas.write=true}.
 */
class EventSchemasTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                WorkbookCreated.class,
                WorkbookDeleted.class,
                CellValuesChanged.class,
                WorkbookStructureChanged.class,
                SourceValuesReported.class
            })
    void theCommittedSchemaIsTheRecordsAndCompatible(Class<?> event) {
        EventSchemas.assertCommitted(event);
    }
}

package io.ledgerflow.eventlog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.EventSchemas;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The compatibility rules of event-log README "Versions", on records that evolve one step each. */
class EventSchemaCompatibilityTest {

    record Line(String account, long amount) {}

    record Posted(UUID id, String account, long amount, List<Line> lines) {}

    record PostedWithOptionalNote(
            UUID id,
            String account,
            long amount,
            List<Line> lines,
            @Nullable String note) {}

    record PostedWithRequiredNote(UUID id, String account, long amount, List<Line> lines, String note) {}

    record PostedWithoutAccount(UUID id, long amount, List<Line> lines) {}

    record PostedWithTextAmount(UUID id, String account, String amount, List<Line> lines) {}

    record TextLine(String account, String amount) {}

    record PostedWithTextLineAmounts(UUID id, String account, long amount, List<TextLine> lines) {}

    @Test
    void anOptionalFieldMayBeAdded() {
        assertThat(problems(Posted.class, PostedWithOptionalNote.class)).isEmpty();
        assertThat(problems(Posted.class, Posted.class)).isEmpty();
    }

    @Test
    void aRequiredFieldMayNotBeAdded() {
        assertThat(problems(Posted.class, PostedWithRequiredNote.class))
                .singleElement()
                .asString()
                .contains("note is required now");
    }

    @Test
    void aFieldMayNotBeRemoved() {
        assertThat(problems(Posted.class, PostedWithoutAccount.class))
                .singleElement()
                .asString()
                .contains("account removed");
    }

    @Test
    void aFieldsTypeMayNotChangeNestedOnesIncluded() {
        assertThat(problems(Posted.class, PostedWithTextAmount.class))
                .anySatisfy(p -> assertThat(p).startsWith("amount: type changed"));
        assertThat(problems(Posted.class, PostedWithTextLineAmounts.class))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("lines/items/amount: "));
    }

    @Test
    void aFieldThatWasOptionalMayNotBecomeRequired() {
        assertThat(problems(PostedWithOptionalNote.class, PostedWithRequiredNote.class))
                .singleElement()
                .asString()
                .contains("note is required now");
    }

    private static List<String> problems(Class<?> previous, Class<?> next) {
        return EventSchemas.incompatibilities(
                EventSchemas.parse(EventSchemas.generate(previous)), EventSchemas.parse(EventSchemas.generate(next)));
    }
}

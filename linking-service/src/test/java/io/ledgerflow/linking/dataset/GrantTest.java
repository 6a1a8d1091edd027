package io.ledgerflow.linking.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class GrantTest {

    @Test
    void columnsAndRowFilterDecideWhatTheGranteeSees() {
        List<Grant.Condition> filter = JsonMapper.builder()
                .build()
                .readValue(
                        "[ { \"column\": \"currency\", \"op\": \"ne\", \"value\": \"RUB\" },"
                                + " {\"column\":\"rate\",\"op\":\"lt\",\"value\":2}]",
                        new TypeReference<List<Grant.Condition>>() {});
        Grant grant = new Grant(
                UUID.randomUUID(), UUID.randomUUID(), "acme", "globex", List.of("currency", "rate"), filter, false);
        assertThat(grant.allows("rate", Map.of("currency", "EUR", "rate", 1.08)))
                .isTrue();
        assertThat(grant.allows("rate", Map.of("currency", "RUB", "rate", 0.01)))
                .isFalse();
        assertThat(grant.allows("rate", Map.of("currency", "CHF", "rate", 2.5))).isFalse();
        assertThat(grant.allows("asOf", Map.of("currency", "EUR", "rate", 1.08)))
                .isFalse();
        assertThat(new Grant(null, null, "a", "b", null, null, true).coversColumn("rate"))
                .isFalse();
    }
}

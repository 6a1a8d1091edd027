package io.ledgerflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetRulesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "plain|false|plain",
                "a+b|true|a b",
                "a+b|false|a+b",
                "caf%C3%A9|false|café",
                "%41%42|false|AB",
                "bad%4|false|NULL",
                "bad%zz|false|NULL",
                "%|false|NULL",
                "%C3|false|NULL",
                "%FF%FE|false|NULL"
            })
    void decodesStrictly(String raw, boolean plusIsSpace, String decoded) {
        assertThat(RequestTargetRules.decode(raw, plusIsSpace)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "/api/calc/workspaces/acme|NULL",
                "/a%00b|contains a NUL character",
                "/a%0Ab|contains a control character (U+000A)",
                "/a%7Fb|contains a control character (U+007F)",
                "/a%E2%82|is not validly percent-encoded UTF-8"
            })
    void namesWhatIsWrongWithAPart(String raw, String problem) {
        assertThat(RequestTargetRules.problemWithPart(raw, false)).isEqualTo(problem);
    }
}

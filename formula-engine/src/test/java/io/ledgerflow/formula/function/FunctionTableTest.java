package io.ledgerflow.formula.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven function tests: each line of {@code function-cases.txt} is a formula and the
 * result Excel documents for it, evaluated against the fixture sheet "Data" below.
 */
class FunctionTableTest {

    private static FormulaEngine engine;

    /** The fixture: columns as described in function-cases.txt. */
    static Object[][] data() {
        Object[][] d = new Object[7][21];
        Object[] a = {10, 20, 30, 40, 50};
        Object[] b = {"apple", "banana", "Apple", "cherry", null};
        Object[] c = {1, 2, 3, 4, 5};
        Object[] dd = {true, "5", "=1/0", null, -3.5};
        Object[] e = {"a", "b", "c", "d"};
        Object[] f = {100, 200, 300, 400};
        Object[] g = {1, 3, 5, 7, 9};
        Object[] h = {"one", "three", "five", "seven", "nine"};
        Object[] k = {-70000, 12000, 15000, 18000, 21000, 26000};
        Object[] l = {-10000, 2750, 4250, 3250, 2750};
        Object[] m = {"=DATE(2008,1,1)", "=DATE(2008,3,1)", "=DATE(2008,10,30)", "=DATE(2009,2,15)", "=DATE(2009,4,1)"};
        Object[] n = {8, 4, 2, 1};
        Object[] o = {"=DATE(2012,11,22)", "=DATE(2012,12,4)", "=DATE(2013,1,21)"};
        Object[] p = {-40000, 8000, 9200, 10000, 12000, 14500};
        Object[][] cols = {a, b, c, dd, e, f, g, h, null, null, k, l, m, n, o, p};
        for (int col = 0; col < cols.length; col++) {
            if (cols[col] == null) {
                continue;
            }
            for (int r = 0; r < cols[col].length; r++) {
                d[r][col] = cols[col][r];
            }
        }
        String[] hor = {"a", "b", "c", "d"};
        for (int i = 0; i < 4; i++) {
            d[0][17 + i] = hor[i];
            d[1][17 + i] = i + 1;
        }
        return d;
    }

    @BeforeAll
    static void build() {
        engine = FormulaEngine.builder()
                .sheet("T", new Object[][] {{null}})
                .sheet("Data", data())
                .today(LocalDate.of(2024, 5, 17))
                .parallelism(1)
                .build();
    }

    record Case(int line, String formula, String expected) {}

    static List<Case> cases() throws Exception {
        return cases("/function-cases.txt");
    }

    /** The cases of a table in the format of function-cases.txt. */
    static List<Case> cases(String resource) throws Exception {
        List<Case> list = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(FunctionTableTest.class.getResourceAsStream(resource), resource),
                StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.lastIndexOf(" | ");
                list.add(new Case(
                        no,
                        line.substring(0, bar).trim(),
                        line.substring(bar + 3).trim()));
            }
        }
        return list;
    }

    @TestFactory
    Stream<DynamicTest> functionsReturnExcelsDocumentedResults() throws Exception {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.line() + ": " + c.formula() + " -> " + c.expected(), () -> {
                    engine.setCell("T", 0, 0, c.formula());
                    check(engine.getValue("T", 0, 0), c.expected());
                }));
    }

    static void check(Value actual, String expected) {
        if (expected.startsWith("#")) {
            assertThat(actual).isEqualTo(ErrorValue.parse(expected));
        } else if (expected.equals("TRUE") || expected.equals("FALSE")) {
            assertThat(actual).isEqualTo(BooleanValue.of(expected.equals("TRUE")));
        } else if (expected.startsWith("\"")) {
            assertThat(actual).isEqualTo(new TextValue(expected.substring(1, expected.length() - 1)));
        } else if (expected.startsWith("~")) {
            double want = Double.parseDouble(expected.substring(1));
            assertThat(actual).isInstanceOf(NumberValue.class);
            assertThat(((NumberValue) actual).value()).isCloseTo(want, within(Math.max(1e-9, Math.abs(want) * 1e-7)));
        } else {
            double want = Double.parseDouble(expected);
            assertThat(actual).isInstanceOf(NumberValue.class);
            assertThat(((NumberValue) actual).value()).isCloseTo(want, within(Math.abs(want) * 1e-12 + 1e-12));
        }
    }

    @Test
    void coversAtLeastOneHundredFunctions() throws Exception {
        FunctionRegistry registry = FunctionRegistry.defaults();
        assertThat(registry.names()).hasSizeGreaterThanOrEqualTo(100);
        StringBuilder all = new StringBuilder();
        for (Case c : cases()) {
            all.append(c.formula().toUpperCase()).append(' ');
        }
        List<String> untested = registry.names().stream()
                .filter(n -> !all.toString().contains(n + "("))
                .filter(n -> !n.equals("RAND") && !n.equals("RANDBETWEEN") && !n.equals("NOW"))
                .toList();
        assertThat(untested).as("functions without a table case").isEmpty();
    }
}

package io.ledgerflow.formula.function.date;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A workbook in the 1904 date system (Excel for Mac's old default): serial 0 is 1904-01-01, so
 * every date is 1,462 less than in the 1900 system, and date functions read and return such serials.
 */
class Date1904Test {

    private static Value in1904(String formula) {
        FormulaEngine engine = FormulaEngine.builder()
                .sheet("S", new Object[][] {{43_538.0, formula}}) // A1: 2023-03-15 in the 1904 system
                .date1904(true)
                .today(LocalDate.of(2024, 3, 15))
                .parallelism(1)
                .build();
        return engine.getValue("S", 0, 1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "=DATE(2024,3,15)           | 43904",
                "=DATE(1904,1,1)            | 0",
                "=YEAR(A1)                  | 2023",
                "=MONTH(A1)*100+DAY(A1)     | 315",
                "=YEAR(0)*10000+MONTH(0)*100+DAY(0) | 19040101",
                "=EDATE(A1,12)              | 43904",
                "=EOMONTH(A1,0)             | 43554",
                "=DATEVALUE(\"2024-03-15\") | 43904",
                "=TODAY()                   | 43904",
                "=WEEKDAY(A1)               | 4",
                "=WORKDAY(A1,3)             | 43543",
                "=NETWORKDAYS(A1,A1+7,A1+1) | 5",
                "=DAYS(\"2024-03-15\",A1)   | 366",
                "=YEAR(\"2024-03-15\")      | 2024",
            })
    void dateFunctionsCountFrom1904(String formula, double expected) {
        assertThat(in1904(formula)).isEqualTo(NumberValue.of(expected));
    }

    @Test
    void aDateBefore1904IsNotADate() {
        assertThat(in1904("=DATE(1903,12,31)")).isEqualTo(ErrorValue.NUM);
        assertThat(in1904("=YEAR(-1)")).isEqualTo(ErrorValue.NUM);
    }

    @Test
    void textFormatsTheSerialAsA1904Date() {
        assertThat(in1904("=TEXT(A1,\"yyyy-mm-dd\")")).isEqualTo(new TextValue("2023-03-15"));
        assertThat(in1904("=TEXT(A1,\"0.0\")")).isEqualTo(new TextValue("43538.0"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // 1,462 days are 4 years and a day: month ends tell the systems apart
                "=PRICE(DATE(2008,2,29),DATE(2017,8,31),0.0575,0.065,100,2,0)",
                "=PRICE(DATE(2008,2,29),DATE(2017,8,31),0.0575,0.065,100,2,1)",
                "=ACCRINT(DATE(2008,1,31),DATE(2008,7,31),DATE(2008,3,1),0.1,1000,2,0)",
                "=YEARFRAC(DATE(2012,1,31),DATE(2012,3,1),0)",
            })
    void bondsAndYearFractionsOfTheSameDatesAgreeInBothSystems(String formula) {
        FormulaEngine in1900 = FormulaEngine.builder()
                .sheet("S", new Object[][] {{0.0, formula}})
                .parallelism(1)
                .build();
        assertThat(in1900.getValue("S", 0, 1)).isInstanceOf(NumberValue.class);
        assertThat(in1904(formula)).isEqualTo(in1900.getValue("S", 0, 1));
    }

    @Test
    void theSameSerialIsAnotherDateInThe1900System() {
        FormulaEngine engine = FormulaEngine.builder()
                .sheet("S", new Object[][] {{43_538.0, "=YEAR(A1)", "=DATE(2024,3,15)"}})
                .parallelism(1)
                .build();
        assertThat(engine.date1904()).isFalse();
        assertThat(engine.getValue("S", 0, 1)).isEqualTo(NumberValue.of(2019));
        assertThat(engine.getValue("S", 0, 2)).isEqualTo(NumberValue.of(45_366));
    }
}

package io.ledgerflow.formula.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Column letters both ways, at the limits of the grid (XFD) and beyond. */
class A1Test {

    @ParameterizedTest
    @CsvSource({"0,A", "25,Z", "26,AA", "51,AZ", "52,BA", "701,ZZ", "702,AAA", "16383,XFD"})
    void namesAndReadsColumns(int col, String name) {
        assertThat(A1.columnName(col)).isEqualTo(name);
        assertThat(A1.columnIndex(name, 0, name.length())).isEqualTo(col);
        assertThat(A1.columnIndex(name.toLowerCase(), 0, name.length())).isEqualTo(col);
        assertThat(A1.columnIndex("1" + name + "1", 1, name.length() + 1)).isEqualTo(col);
    }

    @ParameterizedTest
    @CsvSource(
            value = {"''", "ABCD", "XFE", "A1", "[", "@"},
            quoteCharacter = '\'')
    void refusesWhatIsNotAColumn(String text) {
        assertThat(A1.columnIndex(text, 0, text.length())).isEqualTo(-1);
    }
}

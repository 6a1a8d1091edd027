package io.ledgerflow.formula.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser and printer at the edges of Excel's formula grammar (FormulaParserTest covers the
 * common forms): array constants, sheet names that need quotes, references at the grid's
 * limits, literals of every type, and where a broken formula is reported. Written against the
 * mutants PIT found surviving FormulaParserTest.
 */
class FormulaParserEdgeCasesTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "={1,2;3,4} | ={1,2;3,4}",
                "={\"a\",TRUE;-1,#N/A} | ={\"a\",TRUE;-1,#N/A}",
                "=SUM({1,2,3}) | =SUM({1,2,3})",
                "=+1 | =+1",
                "=--A1 | =--A1",
                "=1e-3 | =0.001",
                "=1E+300*10 | =1.0E300*10",
                "=123456789012 | =123456789012",
                "=0.1+0.2 | =0.1+0.2",
                "=\"\" | =\"\"",
                "=\"  spaced  \" | =\"  spaced  \"",
                "=#REF! | =#REF!",
                "=#NULL! | =#NULL!",
                "=#VALUE!+1 | =#VALUE!+1",
                "=#NUM! | =#NUM!",
                "=#NAME? | =#NAME?",
                "=IFERROR(#N/A,1) | =IFERROR(#N/A,1)",
                "=A1:A1 | =A1:A1",
                "=$A$1:$B$2 | =$A$1:$B$2",
                "=A$1:$B2 | =A$1:$B2",
                "=XFD1048576 | =XFD1048576",
                "=SUM(XFD:XFD) | =SUM(XFD:XFD)",
                "=SUM(1048576:1048576) | =SUM(1048576:1048576)",
                "=SUM(C:A) | =SUM(A:C)",
                "=SUM(3:1) | =SUM(1:3)",
                "=Data!A1:B2 | =Data!A1:B2",
                "=Data!$A:$A | =Data!$A:$A",
                "=Data!1:2 | =Data!1:2",
                "='Q1 2024'!A1 | ='Q1 2024'!A1",
                "='2024'!A1 | ='2024'!A1",
                "='TRUE'!A1 | ='TRUE'!A1",
                "='AB12'!A1 | ='AB12'!A1",
                "='R-D'!A1 | ='R-D'!A1",
                "=Sheet_1.x!A1 | =Sheet_1.x!A1",
                "=_s!A1 | =_s!A1",
                "='Data'!A1 | =Data!A1",
                "=my.name+_x | =my.name+_x",
                "=ABCD1 | =ABCD1",
                "=NOW() | =NOW()",
                "=IF(,,) | =IF(,,)",
                "=SUM( 1 , 2 ) | =SUM(1,2)",
                "=1=1 | =1=1",
                "=1<>2 | =1<>2",
                "=1<=2 | =1<=2",
                "=1>2 | =1>2",
                "=1<2 | =1<2",
                "=2*3/4 | =2*3/4",
                "=2/(3*4) | =2/(3*4)",
                "=2-(3+4) | =2-(3+4)",
                "=(2^3)^2 | =2^3^2",
                "=-(-1) | =--1",
                "=\"a\"&(\"b\"&\"c\") | =\"a\"&(\"b\"&\"c\")",
                "=(1=2)=FALSE | =1=2=FALSE",
                "=A1%% | =(A1%)%",
            })
    void printsCanonically(String input, String canonical) {
        Expr e = FormulaParser.parse(input);
        assertThat(FormulaPrinter.print(e)).isEqualTo(canonical);
        assertThat(FormulaParser.parse(FormulaPrinter.print(e))).isEqualTo(e);
    }

    @ParameterizedTest(name = "{0} fails at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "=) | 1",
                "=SUM(1,2)) | 9",
                "={1,2 | 5",
                "={1,A1} | 4",
                "='Data!A1 | 1",
                "=Data! | 6",
                "=A1: | 4",
                "=1+(2 | 5",
                "=#N/ | 1",
            })
    void reportsPosition(String input, int position) {
        assertThatThrownBy(() -> FormulaParser.parse(input))
                .isInstanceOfSatisfying(
                        ParseException.class, e -> assertThat(e.position()).isEqualTo(position));
    }

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

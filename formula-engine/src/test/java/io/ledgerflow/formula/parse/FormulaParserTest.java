package io.ledgerflow.formula.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaParserTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "=1+2*3 | =1+2*3",
                // edges of the grammar (array constants, quoted sheets, grid limits, literals)
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
                "=(1+2)*3 | =(1+2)*3",
                "= 1 + 2 | =1+2",
                "=-2^2 | =-2^2",
                "=-(2^2) | =-(2^2)",
                "=2^3^2 | =2^3^2",
                "=2^(3^2) | =2^(3^2)",
                "=1-(2-3) | =1-(2-3)",
                "=(1-2)-3 | =1-2-3",
                "=a1+$B$2+C$3+$D4 | =A1+$B$2+C$3+$D4",
                "=sum(A1:B3) | =SUM(A1:B3)",
                "=SUM(B3:A1) | =SUM(A1:B3)",
                "=SUM(A:A) | =SUM(A:A)",
                "=SUM($A:$C) | =SUM($A:$C)",
                "=SUM(2:2) | =SUM(2:2)",
                "=SUM($1:$3) | =SUM($1:$3)",
                "=Rates!B2 | =Rates!B2",
                "='My Sheet'!A1:B9 | ='My Sheet'!A1:B9",
                "='It''s'!A1 | ='It''s'!A1",
                "='A1'!A1 | ='A1'!A1",
                "=\"a\"\"b\"&\"c\" | =\"a\"\"b\"&\"c\"",
                "=TRUE | =TRUE",
                "=false | =FALSE",
                "=#DIV/0! | =#DIV/0!",
                "=#n/a | =#N/A",
                "=50% | =50%",
                "=1.5e3 | =1500",
                "=.5 | =0.5",
                "=IF(A1,,1) | =IF(A1,,1)",
                "=A1>=B1 | =A1>=B1",
                "=A1<>B1 | =A1<>B1",
                "=1<2=TRUE | =1<2=TRUE",
                "=TaxRate*2 | =TaxRate*2",
                "=LOG10(100) | =LOG10(100)",
                "=STDEV.S(A1:A3) | =STDEV.S(A1:A3)",
                "=-A1% | =-A1%",
                "=(-A1)% | =(-A1)%",
                "=1&2+3 | =1&2+3",
                "=(1&2)+3 | =(1&2)+3",
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
                "=1+ | 3",
                "=) | 1",
                "=SUM(1,2)) | 9",
                "={1,2 | 5",
                "={1,A1} | 4",
                "='Data!A1 | 1",
                "=Data! | 6",
                "=A1: | 4",
                "=1+(2 | 5",
                "=#N/ | 1",
                "=(1+2 | 5",
                "=SUM(1,2 | 8",
                "=1+*2 | 3",
                "=\"abc | 1",
                "=1 2 | 3",
                "=A1:5 | 4",
                "=#FOO! | 1",
                "= | 1",
                "=SUM(1;2) | 6",
            })
    void reportsPosition(String input, int position) {
        assertThatThrownBy(() -> FormulaParser.parse(input))
                .isInstanceOfSatisfying(
                        ParseException.class, e -> assertThat(e.position()).isEqualTo(position));
    }

    @ParameterizedTest
    @CsvSource({"A1,0,0", "B2,1,1", "Z10,9,25", "AA1,0,26", "XFD1048576,1048575,16383"})
    void readsCellReferences(String text, int row, int col) {
        Expr e = FormulaParser.parse("=" + text);
        assertThat(e).isEqualTo(new Expr.CellRef(null, row, col, false, false));
        assertThat(A1.cellName(row, col)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"XFE1", "A0", "A1048577", "ABCD1"})
    void treatsOutOfRangeReferencesAsNames(String text) {
        assertThat(FormulaParser.parse("=" + text)).isInstanceOf(Expr.Name.class);
    }

    @ParameterizedTest
    @CsvSource({"'(', ')', 1", "'SUM(', ')', 1", "'-', '', 1", "'(-', ')', 2"})
    void refusesNestingDeeperThanTheLimitWithAParseError(String open, String close, int levelsEach) {
        int fits = FormulaParser.MAX_NESTING / levelsEach - 1;
        String deepest = "=" + open.repeat(fits) + "1" + close.repeat(fits);
        assertThat(FormulaParser.parse(deepest)).isNotNull();

        String tooDeep = "=" + open.repeat(20_000) + "1" + close.repeat(20_000);
        assertThatThrownBy(() -> FormulaParser.parse(tooDeep))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("nested deeper than " + FormulaParser.MAX_NESTING);
    }
}

package io.ledgerflow.formula.bench;

import io.ledgerflow.formula.parse.A1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the four workloads of issue 3 as JSON files into a directory: chain (100,000 cells),
 * grid (300x300), prefix (20,000 prefix sums), ledger (50,000 rows, 100 SUMIFs and a total).
 * Usage: {@code WorkloadGenerator <dir>}.
 */
public final class WorkloadGenerator {

    private WorkloadGenerator() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/workloads");
        Files.createDirectories(dir);
        chain(100_000).write(dir.resolve("chain.json"));
        grid(300).write(dir.resolve("grid.json"));
        prefix(20_000).write(dir.resolve("prefix.json"));
        ledger(50_000, 100).write(dir.resolve("ledger.json"));
        sumifs(100_000, 300).write(dir.resolve("sumifs.json"));
        crossChain(100, 1_000).write(dir.resolve("crosschain.json"));
        randomGraph(100_000, 42).write(dir.resolve("random.json"));
        System.out.println(
                "Wrote chain.json grid.json prefix.json ledger.json sumifs.json crosschain.json random.json to "
                        + dir.toAbsolutePath());
    }

    private static List<Workload.Edit> edits(String sheet, int row, int col, int count) {
        List<Workload.Edit> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(new Workload.Edit(sheet, row, col, (double) (i + 2)));
        }
        return l;
    }

    /** (a) A{i} = A{i-1} + 1, edit A1, read the last cell. */
    public static Workload chain(int n) {
        Object[][] rows = new Object[n][];
        rows[0] = new Object[] {1.0};
        for (int i = 1; i < n; i++) {
            rows[i] = new Object[] {"=A" + i + "+1"};
        }
        return new Workload("chain-" + n, Map.of("Sheet1", rows), edits("Sheet1", 0, 0, 20), "Sheet1", n - 1, 0);
    }

    /**
     * (b) n x n grid: A1 a constant, first row =left+1, first column =up+1, inner cells
     * =(up+left)/2, so editing A1 changes every cell; read the far corner.
     */
    public static Workload grid(int n) {
        Object[][] rows = new Object[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (r == 0 && c == 0) {
                    rows[r][c] = 1.0;
                } else if (r == 0) {
                    rows[r][c] = "=" + A1.cellName(0, c - 1) + "+1";
                } else if (c == 0) {
                    rows[r][c] = "=" + A1.cellName(r - 1, 0) + "+1";
                } else {
                    rows[r][c] = "=(" + A1.cellName(r - 1, c) + "+" + A1.cellName(r, c - 1) + ")/2";
                }
            }
        }
        return new Workload(
                "grid-" + n + "x" + n, Map.of("Sheet1", rows), edits("Sheet1", 0, 0, 20), "Sheet1", n - 1, n - 1);
    }

    /** (c) A{i} constants, B{i} = SUM(A$1:A{i}); edit A1, read the last sum. */
    public static Workload prefix(int n) {
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new Object[] {(double) (i % 10), "=SUM(A$1:A" + (i + 1) + ")"};
        }
        return new Workload("prefix-" + n, Map.of("Sheet1", rows), edits("Sheet1", 0, 0, 20), "Sheet1", n - 1, 1);
    }

    /**
     * (d) Ledger!A category, B amount, C =ROUND(B*VLOOKUP(A,Rates!$A$1:$B$100,2,0),2); Summary!A
     * category, B =SUMIF(Ledger!$A$1:$A$n,A,Ledger!$C$1:$C$n), and a total; edit one amount.
     */
    public static Workload ledger(int n, int categories) {
        Object[][] rates = new Object[categories][];
        for (int k = 0; k < categories; k++) {
            rates[k] = new Object[] {"cat" + k, 1 + (k % 7) / 10.0};
        }
        Object[][] ledger = new Object[n][];
        for (int i = 0; i < n; i++) {
            ledger[i] = new Object[] {
                "cat" + (i * 7919 % categories),
                (double) ((i * 31) % 1000) + 0.25,
                "=ROUND(B" + (i + 1) + "*VLOOKUP(A" + (i + 1) + ",Rates!$A$1:$B$" + categories + ",2,0),2)"
            };
        }
        Object[][] summary = new Object[categories + 1][];
        for (int k = 0; k < categories; k++) {
            summary[k] = new Object[] {
                "cat" + k, "=SUMIF(Ledger!$A$1:$A$" + n + ",A" + (k + 1) + ",Ledger!$C$1:$C$" + n + ")"
            };
        }
        summary[categories] = new Object[] {"Total", "=SUM(B1:B" + categories + ")"};
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        sheets.put("Ledger", ledger);
        sheets.put("Rates", rates);
        sheets.put("Summary", summary);
        List<Workload.Edit> edits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            edits.add(new Workload.Edit("Ledger", (i * 2503) % n, 1, 100.0 + i));
        }
        return new Workload("ledger-" + n, sheets, edits, "Summary", categories, 1);
    }

    /**
     * (e) Conditional aggregates with several criteria (issue 12): n ledger rows (region, account,
     * date, amount) and {@code summaries} SUMIFS / COUNTIFS / AVERAGEIFS / MAXIFS, each with an
     * account equality and a date window (two comparisons) and, for half of them, a region; edits
     * change one row's amount or account; the probe is the first summary.
     */
    public static Workload sumifs(int n, int summaries) {
        String[] regions = {"north", "south", "east", "west", "centre", "coast", "hills", "islands"};
        Object[][] ledger = new Object[n][];
        for (int i = 0; i < n; i++) {
            ledger[i] = new Object[] {
                regions[i % regions.length],
                "acct" + (i * 7919 % 50),
                (double) (45292 + (i * 13) % 366),
                (double) ((i * 31) % 1000) + 0.25
            };
        }
        String[] funcs = {"SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS"};
        String a = "Ledger!$A$1:$A$" + n;
        String b = "Ledger!$B$1:$B$" + n;
        String c = "Ledger!$C$1:$C$" + n;
        String d = "Ledger!$D$1:$D$" + n;
        Object[][] summary = new Object[summaries][];
        for (int k = 0; k < summaries; k++) {
            int month = k % 12 + 1;
            String f = funcs[k % funcs.length];
            String criteria = b + ",\"acct" + (k % 50) + "\"," + c + ",\">=\"&DATE(2024," + month + ",1)," + c
                    + ",\"<\"&DATE(2024," + (month + 1) + ",1)"
                    + (k % 2 == 0 ? "," + a + ",\"" + regions[k % regions.length] + "\"" : "");
            summary[k] = new Object[] {
                f.equals("COUNTIFS") ? "=COUNTIFS(" + criteria + ")" : "=" + f + "(" + d + "," + criteria + ")"
            };
        }
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        sheets.put("Ledger", ledger);
        sheets.put("Summary", summary);
        List<Workload.Edit> edits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int row = (i * 2503) % n;
            edits.add(
                    i % 2 == 0
                            ? new Workload.Edit("Ledger", row, 3, 500.0 + i)
                            : new Workload.Edit("Ledger", row, 1, "acct" + (i % 50)));
        }
        return new Workload("sumifs-" + n, sheets, edits, "Summary", 0, 0);
    }

    /**
     * (f) A long chain across many sheets: {@code sheets} sheets of {@code rows} cells in column A,
     * each {@code =A(i-1)+1}, the first of every sheet after the first {@code =Prev!A<rows>+1};
     * edits change the first sheet's A1, the probe is the last sheet's last cell.
     */
    public static Workload crossChain(int sheets, int rows) {
        Map<String, Object[][]> all = new LinkedHashMap<>();
        for (int s = 0; s < sheets; s++) {
            Object[][] cells = new Object[rows][];
            for (int i = 0; i < rows; i++) {
                Object c;
                if (i > 0) {
                    c = "=A" + i + "+1";
                } else {
                    c = s == 0 ? (Object) 1.0 : "=S" + s + "!A" + rows + "+1";
                }
                cells[i] = new Object[] {c};
            }
            all.put("S" + (s + 1), cells);
        }
        return new Workload("crosschain-" + sheets + "x" + rows, all, edits("S1", 0, 0, 20), "S" + sheets, rows - 1, 0);
    }

    /**
     * (g) A random formula graph (seeded): 1,000 input numbers in column A, then {@code n} formulas
     * below them, each averaging two random cells among the 1,000 rows above it, one in ten also
     * adding a SUM over a random 10-row range above; edits change inputs at random, the probe is the
     * last formula.
     */
    public static Workload randomGraph(int n, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        int inputs = 1_000;
        Object[][] cells = new Object[inputs + n][];
        for (int i = 0; i < inputs; i++) {
            cells[i] = new Object[] {(double) rnd.nextInt(100)};
        }
        for (int i = inputs; i < inputs + n; i++) {
            int j = i - 1 - rnd.nextInt(inputs);
            int k = i - 1 - rnd.nextInt(inputs);
            String f = "=(A" + (j + 1) + "+A" + (k + 1) + ")/2";
            if (rnd.nextInt(10) == 0) {
                int m = i - 10 - rnd.nextInt(inputs - 10);
                f += "+SUM(A" + (m + 1) + ":A" + (m + 10) + ")/1000";
            }
            cells[i] = new Object[] {f};
        }
        List<Workload.Edit> edits = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            edits.add(new Workload.Edit("Sheet1", rnd.nextInt(inputs), 0, (double) rnd.nextInt(100) + 0.25));
        }
        return new Workload("random-" + n, Map.of("Sheet1", cells), edits, "Sheet1", inputs + n - 1, 0);
    }
}

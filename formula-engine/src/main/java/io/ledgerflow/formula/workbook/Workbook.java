package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.eval.CallNode;
import io.ledgerflow.formula.eval.EvalContext;
import io.ledgerflow.formula.eval.Node;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.graph.Graph;
import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.graph.NodeEvaluator;
import io.ledgerflow.formula.graph.Recalculator;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mutable calculation state behind an engine: sheets, cells, compiled formulas, range nodes,
 * the dependency graph and the per-revision deltas. Internal: use
 * {@link io.ledgerflow.formula.FormulaEngine}. Not thread-safe for writers; recalculation itself
 * runs on several threads.
 *
 * <p>Of its six jobs (cell store, loading, compiling formulas, range-node index, applying edits,
 * evaluation context) loading lives in {@link Loading}, compiling in {@link Compiler}, the
 * range-node index in {@link RangeIndex} and the spill areas of dynamic arrays in {@link Spills};
 * the evaluation context and applying edits are the next seams (issue 12 item 6). It is still
 * ~900 lines because the evaluation context is on the hottest read path: moving it behind another
 * indirection waits for a quiet-machine benchmark that shows no slowdown.
 */
public final class Workbook {

    static final byte CELL = 0;
    static final byte RANGE = 1;
    static final byte DEAD = 2;

    private final FunctionRegistry functions;
    private final java.util.function.Supplier<LocalDate> today;
    private boolean date1904;
    private final List<Sheet> sheets = new ArrayList<>();
    private final Map<String, Integer> sheetByName = new HashMap<>();
    private final Map<String, Expr> names = new LinkedHashMap<>();
    private final Map<String, String> nameSpelling = new HashMap<>();

    final Graph graph = new Graph();
    private final Recalculator recalculator;
    private int nodeCount;
    byte[] kind = new byte[1024];
    /**
     * Non-numeric values; for numeric cells null or a cached NumberValue, which may be stale (the
     * number in {@link #nums} wins: see {@link #val}).
     */
    Value[] values = new Value[1024];
    /** Numeric cells keep their number here, so recalculating numbers allocates nothing. */
    double[] nums = new double[1024];

    boolean[] numeric = new boolean[1024];
    private Node[] formulas = new Node[1024];
    private int[][] precedents = new int[1024][];
    private int[] nodeSheet = new int[1024];
    private int[] nodeRow = new int[1024];
    private int[] nodeCol = new int[1024];
    RangeNode[] rangeOf = new RangeNode[1024];
    private boolean[] isVolatile = new boolean[1024];
    /** Formulas whose result is an array, which spills (see {@link Spills}). */
    private boolean[] arrayTop = new boolean[1024];

    final Spills spills = new Spills(this);
    /** Loading a workbook's contents (see {@link Loading}). */
    private final Loading loading = new Loading(this);
    // value before the current edit: state 0 none recorded, 1 number in prevNum, 2 value in prev;
    // while changesTracked (an edit's recalculation), a cell changed iff its state is not 0
    byte[] prevState = new byte[1024];
    boolean changesTracked;
    private double[] prevNum = new double[1024];
    private Value[] prev = new Value[1024];
    private int volatileCount;

    /** Range nodes: see {@link RangeIndex}. */
    final RangeIndex ranges = new RangeIndex(this);

    private final Ctx[] contexts;
    private final IntList scratchPrecedents = new IntList(8);
    private final boolean[] scratchVolatile = new boolean[1];

    private final Map<String, Integer> sheetByExactName = new HashMap<>();

    public Workbook(FunctionRegistry functions, int parallelism, java.util.function.Supplier<LocalDate> today) {
        this.functions = functions;
        this.today = today;
        this.recalculator = new Recalculator(graph, parallelism, 512);
        this.contexts = new Ctx[recalculator.parallelism()];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = new Ctx();
        }
    }

    public FunctionRegistry functions() {
        return functions;
    }

    public LocalDate today() {
        return today.get();
    }

    /** Counts dates in the 1904 date system (a file saved with it); the 1900 system otherwise. */
    public void date1904(boolean date1904) {
        this.date1904 = date1904;
    }

    public boolean date1904() {
        return date1904;
    }

    // ---- sheets and names ---------------------------------------------------------------------

    public int addSheet(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (name.isBlank() || sheetByName.containsKey(key)) {
            throw new IllegalArgumentException("Duplicate or blank sheet name: '" + name + "'");
        }
        Sheet s = new Sheet(sheets.size(), name);
        sheets.add(s);
        sheetByName.put(key, s.index);
        return s.index;
    }

    /** The index of a sheet (case-insensitive), or -1. */
    public int sheetIndex(String name) {
        Integer i = sheetByExactName.get(name);
        if (i != null) {
            return i;
        }
        i = sheetByName.get(name.toLowerCase(Locale.ROOT));
        if (i != null && sheetByExactName.size() < 1024) {
            sheetByExactName.put(name, i);
        }
        return i == null ? -1 : i;
    }

    public String sheetName(int sheet) {
        return sheets.get(sheet).name;
    }

    public int sheetCount() {
        return sheets.size();
    }

    Sheet sheet(int i) {
        return sheets.get(i);
    }

    /** Extent of a sheet: {maxRow, maxCol} of existing cells (-1 when empty). */
    public int[] extent(int sheet) {
        Sheet s = sheets.get(sheet);
        return new int[] {s.maxRow, s.maxCol};
    }

    /**
     * Defines a name before formulas are loaded: workbook-level ({@code Rate}) or scoped to one
     * sheet ({@code Sheet1!Rate}, {@code 'My Sheet'!Rate}), which on that sheet shadows the
     * workbook-level name of the same spelling.
     */
    public void defineName(String name, String formula) {
        String key = nameKey(name);
        names.put(key, FormulaParser.parse(formula));
        nameSpelling.put(key, name);
    }

    /** A name's key: lower case; a sheet-scoped name's sheet unquoted ({@code sheet1!rate}). */
    public static String nameKey(String name) {
        int bang = name.lastIndexOf('!');
        String n = name;
        if (bang > 0 && name.charAt(0) == '\'' && name.charAt(bang - 1) == '\'') {
            n = name.substring(1, bang - 1).replace("''", "'") + name.substring(bang);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The expression a name stands for in a formula on sheet {@code host}: its sheet's, else the workbook's. */
    Expr definedName(String name, int host) {
        String key = name.toLowerCase(Locale.ROOT);
        if (names.size() > 0 && host >= 0 && host < sheets.size()) {
            Expr scoped = names.get(sheetName(host).toLowerCase(Locale.ROOT) + "!" + key);
            if (scoped != null) {
                return scoped;
            }
        }
        return names.get(key);
    }

    public Map<String, String> names() {
        Map<String, String> m = new LinkedHashMap<>();
        names.forEach((k, v) -> m.put(nameSpelling.get(k), FormulaPrinter.print(v)));
        return m;
    }

    // ---- nodes ---------------------------------------------------------------------------------

    /** Makes room for {@code n} more nodes at once (a load knows how many cells it brings). */
    public void reserve(int n) {
        if (nodeCount + n > kind.length) {
            grow(nodeCount + n);
        }
    }

    int newNode(byte k) {
        int id = nodeCount++;
        if (id == kind.length) {
            grow(kind.length * 2);
        }
        kind[id] = k;
        graph.ensureNodes(nodeCount);
        return id;
    }

    private void grow(int cap) {
        kind = Arrays.copyOf(kind, cap);
        values = Arrays.copyOf(values, cap);
        nums = Arrays.copyOf(nums, cap);
        numeric = Arrays.copyOf(numeric, cap);
        prevState = Arrays.copyOf(prevState, cap);
        prevNum = Arrays.copyOf(prevNum, cap);
        formulas = Arrays.copyOf(formulas, cap);
        precedents = Arrays.copyOf(precedents, cap);
        nodeSheet = Arrays.copyOf(nodeSheet, cap);
        nodeRow = Arrays.copyOf(nodeRow, cap);
        nodeCol = Arrays.copyOf(nodeCol, cap);
        rangeOf = Arrays.copyOf(rangeOf, cap);
        isVolatile = Arrays.copyOf(isVolatile, cap);
        arrayTop = Arrays.copyOf(arrayTop, cap);
        spills.grow(cap);
        prev = Arrays.copyOf(prev, cap);
        graph.ensureCapacity(cap);
    }

    /** The id of the cell at a position, or -1 when it was never created. */
    public int cellId(int sheet, int row, int col) {
        return sheets.get(sheet).get(row, col);
    }

    /** A cell of a spill area (created empty if it was never created). */
    int ensureSpillCell(int sheet, int row, int col) {
        return ensureCell(sheet, row, col);
    }

    /** A cell leaves a spill area: empty again (its old value recorded for the edit's change set). */
    void clearSpilledValue(int id) {
        recordPrev(id);
        setValue(id, EmptyValue.INSTANCE);
    }

    /** {rows, cols} of the area the formula at a position spills over, or null when it spills nothing. */
    public int[] spillArea(int sheet, int row, int col) {
        return spills.appliedArea(cellId(sheet, row, col));
    }

    /** Whether the cell at a position shows an element of another cell's spilled array. */
    public boolean isSpilled(int sheet, int row, int col) {
        return spills.isSpillCell(cellId(sheet, row, col));
    }

    int ensureCell(int sheet, int row, int col) {
        Sheet s = sheets.get(sheet);
        int id = s.get(row, col);
        if (id >= 0) {
            return id;
        }
        id = newNode(CELL);
        values[id] = EmptyValue.INSTANCE;
        nodeSheet[id] = sheet;
        nodeRow[id] = row;
        nodeCol[id] = col;
        s.put(row, col, id);
        RangeNode[] ranges = s.ranges;
        for (int i = 0, n = s.rangeCount; i < n; i++) {
            RangeNode rn = ranges[i];
            if (rn.ownContains(row, col)) {
                graph.addEdge(id, rn.id);
            }
        }
        return id;
    }

    public int cellSheet(int id) {
        return nodeSheet[id];
    }

    public int cellRow(int id) {
        return nodeRow[id];
    }

    public int cellCol(int id) {
        return nodeCol[id];
    }

    public boolean isCell(int id) {
        return kind[id] == CELL;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public long edgeCount() {
        return graph.edgeCount();
    }

    public int rangeNodeCount() {
        return ranges.count();
    }

    // ---- reads ---------------------------------------------------------------------------------

    public Value valueAt(int sheet, int row, int col) {
        int id = sheets.get(sheet).get(row, col);
        if (id < 0) {
            return EmptyValue.INSTANCE;
        }
        return val(id);
    }

    public Value value(int id) {
        return val(id);
    }

    /** The value of a node id (numbers materialised once and cached). */
    Value val(int id) {
        if (numeric[id]) {
            // values[id] caches the NumberValue of nums[id]; the recalculation's numeric fast path
            // updates only nums[id], so the cache is used only while it still holds that number
            double d = nums[id];
            if (values[id] instanceof NumberValue n && Double.compare(n.value(), d) == 0) {
                return n;
            }
            NumberValue n = NumberValue.of(d);
            values[id] = n; // benign race: equal immutable objects
            return n;
        }
        Value v = values[id];
        return v == null ? EmptyValue.INSTANCE : v;
    }

    /** The value as a double for arithmetic: numbers, 0 for empty, NaN for anything else. */
    double num(int id) {
        if (numeric[id]) {
            return nums[id];
        }
        Value v = values[id];
        return v == null || v == EmptyValue.INSTANCE ? 0.0 : Double.NaN;
    }

    void setValue(int id, Value v) {
        if (v instanceof NumberValue n) {
            numeric[id] = true;
            nums[id] = n.value();
        } else {
            numeric[id] = false;
        }
        values[id] = v;
    }

    private void recordPrev(int id) {
        if (prevState[id] != 0) {
            return;
        }
        if (numeric[id]) {
            prevState[id] = 1;
            prevNum[id] = nums[id];
        } else {
            prevState[id] = 2;
            prev[id] = values[id] == null ? EmptyValue.INSTANCE : values[id];
        }
    }

    private void clearPrev(int id) {
        if (prevState[id] == 2) {
            prev[id] = null;
        }
        prevState[id] = 0;
    }

    private boolean sameAsPrev(int id) {
        if (prevState[id] == 1) {
            return numeric[id] && nums[id] == prevNum[id];
        }
        return !numeric[id] && prev[id].equals(val(id));
    }

    /** The compiled formula of a cell, or null. */
    public Node formula(int id) {
        return id < 0 ? null : formulas[id];
    }

    /** The canonical formula text ("=...") of the cell at a position, or null. */
    public String formulaAt(int sheet, int row, int col) {
        int id = cellId(sheet, row, col);
        Node f = formula(id);
        return f == null ? null : FormulaPrinter.print(f.toExpr(this::sheetName, sheet));
    }

    /** The syntax tree of a formula node as printed for a host sheet. */
    public Expr exprOf(Node f, int hostSheet) {
        return f.toExpr(this::sheetName, hostSheet);
    }

    // ---- contents ------------------------------------------------------------------------------

    /** Receives one non-empty cell: its content is an {@link Expr} (formula) or a {@link Value}. */
    @FunctionalInterface
    public interface ContentVisitor {
        void visit(int sheet, int row, int col, Object content);
    }

    /** Visits every cell holding a formula or a non-empty constant. */
    public void forEachContent(ContentVisitor v) {
        for (int id = 0; id < nodeCount; id++) {
            if (kind[id] != CELL) {
                continue;
            }
            if (formulas[id] != null) {
                v.visit(nodeSheet[id], nodeRow[id], nodeCol[id], exprOf(formulas[id], nodeSheet[id]));
            } else if (!val(id).isEmpty() && !spills.isSpillCell(id)) {
                v.visit(nodeSheet[id], nodeRow[id], nodeCol[id], val(id));
            }
        }
    }

    /** Visits every cell with a non-empty value (formula results included). */
    public void forEachValue(ContentVisitor v) {
        for (int id = 0; id < nodeCount; id++) {
            if (kind[id] == CELL && !val(id).isEmpty()) {
                v.visit(nodeSheet[id], nodeRow[id], nodeCol[id], val(id));
            }
        }
    }

    /** One content change: a constant (Number, String, Boolean, null) or "=formula". */
    public record CellEdit(int sheet, int row, int col, Object content) {}

    /** Old contents of the cells an edit touched: Node (formula) or Value (constant). */
    public record ContentChange(int cell, Object oldContent) {}

    /**
     * What an edit did: the cells whose value changed, with old and new values. A null entry in
     * {@code oldValues}/{@code newValues} means the value is the number at the same index of
     * {@code oldNumbers}/{@code newNumbers} (numbers are kept unboxed).
     */
    public record EditResult(
            int[] changedCells,
            double[] oldNumbers,
            Value[] oldValues,
            double[] newNumbers,
            Value[] newValues,
            List<ContentChange> contents) {}

    /**
     * Applies content changes and recalculates the affected cone. Formulas are parsed first, so
     * a {@link io.ledgerflow.formula.parse.ParseException} leaves the workbook unchanged.
     */
    public EditResult apply(List<CellEdit> edits, boolean fullRecalc) {
        Object[] parsed = new Object[edits.size()];
        for (int i = 0; i < edits.size(); i++) {
            CellEdit e = edits.get(i);
            checkPosition(e.sheet(), e.row(), e.col());
            parsed[i] = parseContent(e.content());
        }
        IntList seeds = new IntList(edits.size() + 16);
        List<ContentChange> contents = new ArrayList<>(edits.size());
        IntList prevRecorded = new IntList();
        for (int i = 0; i < edits.size(); i++) {
            CellEdit e = edits.get(i);
            int id = ensureCell(e.sheet(), e.row(), e.col());
            if (spills.isSpillCell(id)) {
                spills.invade(id, spills.pendingSeeds); // new content in a spill area blocks it
            }
            contents.add(new ContentChange(id, formulas[id] != null ? formulas[id] : val(id)));
            detachFormula(id);
            if (prevState[id] == 0) {
                recordPrev(id);
                prevRecorded.add(id);
            }
            Object p = parsed[i];
            if (p instanceof Expr ex) {
                attachFormula(id, ex);
            } else {
                setValue(id, (Value) p);
            }
            seeds.add(id);
        }
        ranges.linkPending(seeds);
        if (fullRecalc) {
            for (int id = 0; id < nodeCount; id++) {
                if (kind[id] == RANGE || (kind[id] == CELL && formulas[id] != null)) {
                    seeds.add(id);
                }
            }
        } else if (volatileCount > 0) {
            for (int id = 0; id < nodeCount; id++) {
                if (isVolatile[id]) {
                    seeds.add(id);
                }
            }
        }
        changesTracked = true; // range nodes log the cells that changed for their kept indexes
        IntList changed = recalcSpilling(seeds);
        changesTracked = false;
        int m = changed.size();
        IntList out = new IntList(m);
        double[] oldNums = new double[m];
        Value[] olds = new Value[m];
        double[] newNums = new double[m];
        Value[] news = new Value[m];
        for (int i = 0; i < m; i++) {
            int id = changed.get(i);
            if (kind[id] != CELL || prevState[id] == 0) {
                continue;
            }
            if (!sameAsPrev(id)) {
                int k = out.size();
                if (prevState[id] == 1) {
                    oldNums[k] = prevNum[id];
                } else {
                    olds[k] = prev[id];
                }
                if (numeric[id]) {
                    newNums[k] = nums[id];
                } else {
                    news[k] = val(id);
                }
                out.add(id);
            }
            clearPrev(id);
        }
        for (int i = 0; i < prevRecorded.size(); i++) {
            clearPrev(prevRecorded.get(i));
        }
        int n = out.size();
        return new EditResult(
                out.toArray(),
                n == m ? oldNums : Arrays.copyOf(oldNums, n),
                n == m ? olds : Arrays.copyOf(olds, n),
                n == m ? newNums : Arrays.copyOf(newNums, n),
                n == m ? news : Arrays.copyOf(news, n),
                contents);
    }

    /**
     * Recalculates from seeds, then moves the areas of arrays that changed shape and re-checks
     * blocked ones (single-threaded, between rounds), and recalculates again from the cells that
     * joined or left an area, until nothing moves (at most 16 rounds: arrays whose shapes depend on
     * each other's areas could otherwise chase each other). Returns the nodes changed in any round.
     */
    IntList recalcSpilling(IntList seeds) {
        IntList pending = spills.pendingSeeds;
        for (int i = 0; i < pending.size(); i++) {
            seeds.add(pending.get(i));
        }
        pending.clear();
        IntList changed = recalculator.recalc(seeds.raw(), seeds.size(), evaluator);
        for (int round = 0; round < 16; round++) {
            List<Integer> work = spills.takeWork();
            if (work.isEmpty()) {
                break;
            }
            IntList more = new IntList(16);
            for (int anchor : work) {
                spills.respill(anchor, more);
            }
            if (more.isEmpty()) {
                break;
            }
            if (round == 0) {
                changed = copy(changed); // the recalculator reuses its result list
            }
            IntList again = recalculator.recalc(more.raw(), more.size(), evaluator);
            for (int i = 0; i < again.size(); i++) {
                changed.add(again.get(i));
            }
        }
        return changed;
    }

    /** "=..." or an array formula "{=...}". */
    static boolean isFormula(String s) {
        int n = s.length();
        return n > 1
                && (s.charAt(0) == '='
                        || (n > 3 && s.charAt(0) == '{' && s.charAt(1) == '=' && s.charAt(n - 1) == '}'));
    }

    private static IntList copy(IntList list) {
        IntList c = new IntList(list.size() + 16);
        for (int i = 0; i < list.size(); i++) {
            c.add(list.get(i));
        }
        return c;
    }

    static void checkPosition(int sheet, int row, int col) {
        if (row < 0 || row > Expr.MAX_ROW || col < 0 || col > Expr.MAX_COL) {
            throw new IllegalArgumentException("Cell position out of range: row " + row + ", column " + col);
        }
    }

    private static Object parseContent(Object content) {
        if (content instanceof String s && isFormula(s)) {
            return FormulaParser.parse(s);
        }
        if (content instanceof Expr e) {
            return e;
        }
        return Value.fromJava(content);
    }

    /**
     * Loads a whole sheet of contents (used when building an engine): constants are stored,
     * formulas are collected (unparsed) for {@link #finishLoad}; no recalculation yet.
     */
    public void loadSheet(int sheet, Object[][] rows, IntList formulaCells, List<Object> formulaSources) {
        loading.loadSheet(sheet, rows, formulaCells, formulaSources);
    }

    /**
     * Parses the collected formulas — once per distinct shape, on several threads when there are
     * many (parsing is pure) — compiles them, links ranges and evaluates everything once.
     */
    public void finishLoad(IntList formulaCells, List<Object> formulaSources) {
        loading.finishLoad(formulaCells, formulaSources);
    }

    /** Threads a recalculation uses. */
    int parallelism() {
        return recalculator.parallelism();
    }

    /** Forgets every recorded previous value (after a load, which reports no changes). */
    void forgetPrevious() {
        Arrays.fill(prevState, 0, nodeCount, (byte) 0);
        Arrays.fill(prev, 0, nodeCount, null);
    }

    private void attachFormula(int id, Expr ex) {
        forgetCompileCaches(); // they serve one load's formulas (the registry may change between edits)
        attachFormula(id, ex, 0, 0);
    }

    /** Compiles a tree for a cell, its relative references shifted by (dr, dc), and adds the edges. */
    void attachFormula(int id, Expr ex, int dr, int dc) {
        IntList pre = this.scratchPrecedents;
        pre.clear();
        boolean[] vol = this.scratchVolatile;
        vol[0] = false;
        Node node = compiler.compile(ex, nodeSheet[id], pre, vol, 0, dr, dc);
        formulas[id] = node;
        arrayTop[id] = node.isArray();
        int[] p = pre.toArray();
        precedents[id] = p;
        for (int q : p) {
            graph.addEdge(q, id);
        }
        if (vol[0]) {
            isVolatile[id] = true;
            volatileCount++;
        }
    }

    private void detachFormula(int id) {
        if (formulas[id] == null) {
            return;
        }
        for (int q : precedents[id]) {
            graph.removeEdge(q, id);
            if (kind[q] == RANGE) {
                ranges.release(rangeOf[q]);
            }
        }
        precedents[id] = null;
        formulas[id] = null;
        if (arrayTop[id]) {
            arrayTop[id] = false;
            spills.drop(id, spills.pendingSeeds);
        }
        if (isVolatile[id]) {
            isVolatile[id] = false;
            volatileCount--;
        }
    }

    // ---- compilation: see Compiler ------------------------------------------------------------

    private final Compiler compiler = new Compiler(this);

    void forgetCompileCaches() {
        compiler.forgetCaches();
    }

    // ---- evaluation ----------------------------------------------------------------------------

    private final NodeEvaluator evaluator = new NodeEvaluator() {
        @Override
        public boolean evaluate(int id, int worker) {
            byte k = kind[id];
            if (k == RANGE) {
                rangeOf[id].recompute();
                return true;
            }
            if (k != CELL) {
                return false;
            }
            Node f = formulas[id];
            if (f == null) {
                if (spills.isSpillCell(id)) {
                    return store(id, spills.valueOf(id));
                }
                return true; // a constant seed: its value was set directly
            }
            Ctx ctx = contexts[worker];
            // the host position is read from the node arrays only when a node asks for it (most
            // formulas never do), which saves three random reads per evaluated cell
            ctx.id = id;
            if (arrayTop[id]) {
                return evaluateArray(id, f, ctx);
            }
            Value v;
            try {
                double d = f.evalDouble(ctx);
                if (!Double.isNaN(d)) {
                    if (numeric[id] && nums[id] == d) {
                        return false;
                    }
                    recordPrev(id);
                    numeric[id] = true;
                    nums[id] = d;
                    // values[id] may keep a stale NumberValue: val() checks it against nums[id]
                    return true;
                }
                v = f.eval(ctx);
            } catch (FormulaError err) {
                v = err.error();
            } catch (RuntimeException ex) {
                v = CallNode.failure(ex); // a last guard: errors are values, never exceptions
            } catch (StackOverflowError ex) {
                v = ErrorValue.VALUE;
            }
            return store(id, v);
        }

        @Override
        public boolean markCycle(int id) {
            return kind[id] == CELL && store(id, ErrorValue.CYCLE);
        }

        @Override
        public boolean settleCycle(int id) {
            // a range node is on a cycle through a cell of its own or only through the larger
            // range built on it (invariant 2); either way it holds the statistics of its cells,
            // the first error in row-major order included, as a full build or a direct scan has
            if (kind[id] == RANGE) {
                rangeOf[id].rescan();
                return true;
            }
            return false;
        }
    };

    private boolean evaluateArray(int id, Node f, Ctx ctx) {
        Grid g;
        try {
            g = f.evalGrid(ctx);
        } catch (FormulaError err) {
            g = Grid.of(err.error());
        } catch (RuntimeException ex) {
            g = Grid.of(CallNode.failure(ex));
        } catch (StackOverflowError ex) {
            g = Grid.of(ErrorValue.VALUE);
        }
        boolean[] changed = new boolean[1];
        Value top = spills.evaluate(id, g, changed);
        return store(id, top) | changed[0];
    }

    private boolean store(int id, Value v) {
        if (v instanceof NumberValue n) {
            if (numeric[id] && nums[id] == n.value()) {
                return false;
            }
        } else if (!numeric[id] && v.equals(values[id] == null ? EmptyValue.INSTANCE : values[id])) {
            return false;
        }
        recordPrev(id);
        setValue(id, v);
        return true;
    }

    /** Per-thread evaluation context. */
    private final class Ctx implements EvalContext {
        /** The cell being evaluated; its position is looked up on demand. */
        int id;

        @Override
        public int hostSheet() {
            return nodeSheet[id];
        }

        @Override
        public int hostRow() {
            return nodeRow[id];
        }

        @Override
        public int hostCol() {
            return nodeCol[id];
        }

        @Override
        public LocalDate today() {
            return today.get();
        }

        @Override
        public boolean date1904() {
            return date1904;
        }

        @Override
        public Grid area(Reference ref) {
            if (ref.sheet() < 0 || ref.sheet() >= sheets.size()) {
                return Grid.of(ErrorValue.REF);
            }
            RangeNode rn = ranges.find(ref.sheet(), ref.row1(), ref.col1(), ref.row2(), ref.col2());
            if (rn != null && rn.linked) {
                return rn;
            }
            return new AreaGrid(Workbook.this, ref);
        }

        @Override
        public Value cell(int s, int r, int c) {
            return valueAt(s, r, c);
        }

        @Override
        public Value cellById(int id) {
            return val(id);
        }

        @Override
        public double numberById(int id) {
            return num(id);
        }

        @Override
        public Grid spill(int cellId) {
            return spills.grid(cellId);
        }

        @Override
        public Reference spillArea(int cellId) {
            return spills.area(cellId);
        }

        @Override
        public Grid rangeGrid(Object rangeHandle) {
            return (RangeNode) rangeHandle;
        }

        @Override
        public String sheetName(int s) {
            return Workbook.this.sheetName(s);
        }

        @Override
        public int sheetIndex(String name) {
            Integer i = sheetByName.get(name.toLowerCase(Locale.ROOT)); // read-only: safe in parallel
            return i == null ? -1 : i;
        }

        @Override
        public String formulaText(int s, int r, int c) {
            return s < 0 || s >= sheets.size() ? null : formulaAt(s, r, c);
        }
    }

    /** A plain view of an area without caching (for dynamic references such as OFFSET). */
    record AreaGrid(Workbook wb, Reference ref) implements Grid {
        @Override
        public int rows() {
            int last = ref.row2() == Expr.MAX_ROW ? Math.min(ref.row2(), wb.sheet(ref.sheet()).maxRow) : ref.row2();
            return Math.max(0, last - ref.row1() + 1);
        }

        @Override
        public int cols() {
            int last = ref.col2() == Expr.MAX_COL ? Math.min(ref.col2(), wb.sheet(ref.sheet()).maxCol) : ref.col2();
            return Math.max(0, last - ref.col1() + 1);
        }

        @Override
        public Value get(int row, int col) {
            return wb.valueAt(ref.sheet(), ref.row1() + row, ref.col1() + col);
        }

        @Override
        public Reference reference() {
            return ref;
        }
    }
}

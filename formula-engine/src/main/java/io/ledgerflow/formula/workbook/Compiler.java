package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.eval.AreaNode;
import io.ledgerflow.formula.eval.ArrayNode;
import io.ledgerflow.formula.eval.ArrayOps;
import io.ledgerflow.formula.eval.CallNode;
import io.ledgerflow.formula.eval.CellNode;
import io.ledgerflow.formula.eval.ConstNode;
import io.ledgerflow.formula.eval.LambdaCalls;
import io.ledgerflow.formula.eval.LambdaNode;
import io.ledgerflow.formula.eval.LetNode;
import io.ledgerflow.formula.eval.NameNode;
import io.ledgerflow.formula.eval.Node;
import io.ledgerflow.formula.eval.OpNodes;
import io.ledgerflow.formula.eval.Ref3DNode;
import io.ledgerflow.formula.eval.UnknownCallNode;
import io.ledgerflow.formula.function.FunctionSpec;
import io.ledgerflow.formula.function.math.MathFunctions;
import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles syntax trees into node trees for a {@link Workbook}: resolves references to cell ids
 * and range nodes (creating them), names, LET and LAMBDA scopes, and notes each formula's
 * precedents and volatility for the graph. Single-threaded, as loads and edits are; its one-entry
 * caches serve the formulas of one load, which share shapes, literals and function names.
 */
final class Compiler {

    private final Workbook wb;
    // one-entry caches of compile (see literal, lookup); compiling is single-threaded
    private Expr.Num lastLiteral;
    private ConstNode lastLiteralNode;
    private String lastCallName;
    private FunctionSpec lastCallSpec;
    private boolean lastCallBuiltinSum;

    Compiler(Workbook wb) {
        this.wb = wb;
    }

    /**
     * Compiles a tree for a host sheet, its relative references shifted by (dr, dc). An instanceof
     * chain rather than a pattern switch: this runs for every formula of a load, mostly before the
     * JIT compiler has seen it, and the interpreter runs the chain faster than the switch's
     * bootstrapped type test.
     */
    Node compile(Expr e, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        if (depth > 200) {
            throw new io.ledgerflow.formula.parse.ParseException("Formula nested too deeply", 0);
        }
        if (e instanceof Expr.CellRef r) {
            int s = r.sheet() == null ? host : wb.sheetIndex(r.sheet());
            if (s < 0) {
                return compile3D(e, r.sheet(), host, pre, vol, depth, dr, dc);
            }
            int row = r.rowAbs() ? r.row() : r.row() + dr;
            int col = r.colAbs() ? r.col() : r.col() + dc;
            checkShifted(row, col);
            // usually there already (a load creates every cell with content first): looked up
            // here, so that ensureCell's compiled code, made while a load creates cells, is not
            // thrown away (an uncommon trap) the first time a formula finds its cell
            int cell = wb.sheet(s).get(row, col);
            if (cell < 0) {
                cell = wb.ensureCell(s, row, col);
            }
            pre.add(cell);
            return new CellNode(cell, s, row, col, r.rowAbs(), r.colAbs(), r.sheet() != null);
        }
        if (e instanceof Expr.Binary b) {
            Node l = compile(b.left(), host, pre, vol, depth + 1, dr, dc);
            Node r = compile(b.right(), host, pre, vol, depth + 1, dr, dc);
            if (arrayMode > 0 || l.isArray() || r.isArray()) {
                return new ArrayOps.Binary(b.op(), l, r); // element by element
            }
            return OpNodes.binary(b.op(), l, r);
        }
        if (e instanceof Expr.Num n) {
            return literal(n);
        }
        if (e instanceof Expr.Call c) {
            return compileCall(c, host, pre, vol, depth, dr, dc);
        }
        if (e instanceof Expr.AreaRef area) {
            Expr.AreaRef a = dr == 0 && dc == 0 ? area : shift(area, dr, dc);
            int s = a.sheet() == null ? host : wb.sheetIndex(a.sheet());
            if (s < 0) {
                return compile3D(area, a.sheet(), host, pre, vol, depth, dr, dc);
            }
            RangeNode rn = wb.ranges.acquire(s, a.row1(), a.col1(), a.row2(), a.col2());
            pre.add(rn.id);
            return new AreaNode(a, s, a.sheet() != null, rn);
        }
        if (e instanceof Expr.Str str) {
            return new ConstNode(Value.of(str.value()), e);
        }
        if (e instanceof Expr.Bool bool) {
            return new ConstNode(Value.of(bool.value()), e);
        }
        if (e instanceof Expr.Err err) {
            return new ConstNode(err.error(), e);
        }
        if (e instanceof Expr.Missing) {
            return new ConstNode(EmptyValue.INSTANCE, e);
        }
        if (e instanceof Expr.Array arr) {
            return ArrayNode.of(arr);
        }
        if (e instanceof Expr.Name n) {
            Node bound = letScope == null ? null : letScope.get(n.name().toLowerCase(Locale.ROOT));
            if (bound != null) {
                return new NameNode(n.name(), bound);
            }
            Expr target = wb.definedName(n.name(), host);
            return new NameNode(n.name(), target == null ? null : compile(target, host, pre, vol, depth + 1, 0, 0));
        }
        if (e instanceof Expr.Unary u) {
            Node x = compile(u.operand(), host, pre, vol, depth + 1, dr, dc);
            return arrayMode > 0 || x.isArray() ? new ArrayOps.Unary(u.op(), x) : new OpNodes.Unary(u.op(), x);
        }
        if (e instanceof Expr.Percent p) {
            Node x = compile(p.operand(), host, pre, vol, depth + 1, dr, dc);
            return arrayMode > 0 || x.isArray() ? new ArrayOps.Unary('%', x) : new OpNodes.Percent(x);
        }
        if (e instanceof Expr.Apply ap) {
            Node fn = compile(ap.function(), host, pre, vol, depth + 1, dr, dc);
            return new LambdaCalls.Apply(null, fn, compileArgs(ap.args(), host, pre, vol, depth, dr, dc));
        }
        if (e instanceof Expr.SpillRef sr) {
            Node a = compile(sr.anchor(), host, pre, vol, depth + 1, dr, dc);
            return a instanceof CellNode cell ? new ArrayOps.SpillRef(cell) : a;
        }
        if (e instanceof Expr.ArrayFormula af) {
            arrayMode++;
            try {
                return new ArrayOps.Formula(compile(af.formula(), host, pre, vol, depth + 1, dr, dc));
            } finally {
                arrayMode--;
            }
        }
        throw new IllegalArgumentException("Unknown expression " + e);
    }

    /**
     * A number literal's node. The formulas of a shape compile the same tree, so the same literal
     * comes back formula after formula: they share its node (nodes are immutable) instead of
     * allocating one each.
     */
    void forgetCaches() {
        lastLiteral = null;
        lastLiteralNode = null;
        lastCallName = null;
        lastCallSpec = null;
        lastCallBuiltinSum = false;
    }

    private ConstNode literal(Expr.Num n) {
        if (n != lastLiteral) {
            lastLiteralNode = new ConstNode(Value.of(n.value()), n);
            lastLiteral = n;
        }
        return lastLiteralNode;
    }

    /** The last function looked up by name (a shape's formulas look up the same name object). */
    private FunctionSpec lookup(String name) {
        if (name != lastCallName) {
            FunctionSpec spec = wb.functions().lookup(name);
            if (spec == null) {
                return null; // not cached: an open registry may get the name later
            }
            lastCallSpec = spec;
            lastCallName = name;
            lastCallBuiltinSum = spec.name().equals("SUM")
                    && spec.function() != null
                    && spec.function().getClass().getName().startsWith(MathFunctions.class.getName());
        }
        return lastCallSpec;
    }

    /**
     * A reference to an unknown sheet: a 3-D reference when the name is "First:Last" of two known
     * sheets (one node per sheet between them, in the current order), else #REF!. {@code e} is
     * the unshifted reference; each sheet's copy is compiled (and shifted) as a plain reference.
     */
    private Node compile3D(Expr e, String sheet, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        int colon = sheet.indexOf(':');
        int first = colon < 0 ? -1 : wb.sheetIndex(sheet.substring(0, colon));
        int last = colon < 0 ? -1 : wb.sheetIndex(sheet.substring(colon + 1));
        if (first < 0 || last < 0) {
            return new ConstNode(ErrorValue.REF, e);
        }
        int lo = Math.min(first, last);
        int hi = Math.max(first, last);
        Node[] parts = new Node[hi - lo + 1];
        for (int s = lo; s <= hi; s++) {
            Expr one = Ref3DNode.onSheet(e, wb.sheetName(s));
            parts[s - lo] = compile(one, host, pre, vol, depth + 1, dr, dc);
        }
        return new Ref3DNode(sheet, parts);
    }

    /** Above 0 while an array formula or an array function's arguments compile (single-threaded). */
    private int arrayMode;

    private static boolean anyArray(Node[] args) {
        for (Node a : args) {
            if (a.isArray()) {
                return true;
            }
        }
        return false;
    }

    /** The names LET binds while its arguments compile (compiling is single-threaded); else null. */
    private Map<String, Node> letScope;

    /** LET(name1, value1, ..., calculation): names bound at compile time (see {@link LetNode}). */
    private Node compileLet(Expr.Call c, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        List<Expr> a = c.args();
        Map<String, Node> outer = letScope;
        Map<String, Node> scope = outer == null ? new HashMap<>() : new HashMap<>(outer);
        List<String> names = new ArrayList<>();
        Node[] values = new Node[a.size() / 2];
        try {
            for (int i = 0; i + 1 < a.size(); i += 2) {
                if (!(a.get(i) instanceof Expr.Name n)) {
                    return null;
                }
                letScope = scope;
                values[i / 2] = compile(a.get(i + 1), host, pre, vol, depth + 1, dr, dc);
                names.add(n.name());
                scope.put(n.name().toLowerCase(Locale.ROOT), values[i / 2]);
            }
            letScope = scope;
            Node body = compile(a.get(a.size() - 1), host, pre, vol, depth + 1, dr, dc);
            return new LetNode(names, values, body);
        } finally {
            letScope = outer;
        }
    }

    private Node[] compileArgs(List<Expr> exprs, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        Node[] args = new Node[exprs.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = compile(exprs.get(i), host, pre, vol, depth + 1, dr, dc);
        }
        return args;
    }

    /**
     * LAMBDA, the functions calling one (MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY, ISOMITTED) and
     * a LET name, parameter or defined name bound to a lambda called like a function; null for any
     * other call. A lambda's parameters are bound like LET's names while its body compiles.
     */
    private Node compileLambdaCall(Expr.Call c, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        String name = c.name();
        if (name.equals("LAMBDA")) {
            return compileLambda(c, host, pre, vol, depth, dr, dc);
        }
        if (LambdaCalls.isHelper(name)) {
            boolean byRows = name.equals("BYROW") || name.equals("BYCOL");
            if (byRows) {
                arrayMode++; // a row or column of the array reaches the lambda: operators element-wise
            }
            try {
                Node[] args = compileArgs(c.args(), host, pre, vol, depth, dr, dc);
                return LambdaCalls.acceptsArgCount(name, args.length)
                        ? LambdaCalls.of(name, args)
                        : new UnknownCallNode(name, args, ErrorValue.VALUE);
            } finally {
                if (byRows) {
                    arrayMode--;
                }
            }
        }
        String key = name.toLowerCase(Locale.ROOT);
        Node bound = letScope == null ? null : letScope.get(key);
        if (bound == null && wb.functions().lookup(name) == null) {
            Expr target = wb.definedName(name, host);
            if (target instanceof Expr.Call t && t.name().equals("LAMBDA")) {
                if (!compilingLambdaNames.add(key)) {
                    // a lambda calling itself through its name: not supported (see README)
                    return new UnknownCallNode(
                            name, compileArgs(c.args(), host, pre, vol, depth, dr, dc), ErrorValue.CALC);
                }
                try {
                    bound = compile(target, host, pre, vol, depth + 1, 0, 0);
                } finally {
                    compilingLambdaNames.remove(key);
                }
            }
        }
        if (bound == null) {
            return null;
        }
        return new LambdaCalls.Apply(
                name, new NameNode(name, bound), compileArgs(c.args(), host, pre, vol, depth, dr, dc));
    }

    /** The defined names whose lambdas are compiling (compiling is single-threaded). */
    private final java.util.Set<String> compilingLambdaNames = new java.util.HashSet<>();

    /** LAMBDA(param1, ..., calculation): #VALUE! when a parameter is not a name or repeats. */
    private Node compileLambda(Expr.Call c, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        List<Expr> a = c.args();
        Map<String, Node> outer = letScope;
        Map<String, Node> scope = outer == null ? new HashMap<>() : new HashMap<>(outer);
        Object key = new Object();
        List<String> params = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < a.size() - 1; i++) {
            if (!(a.get(i) instanceof Expr.Name n) || !seen.add(n.name().toLowerCase(Locale.ROOT))) {
                params = null;
                break;
            }
            params.add(n.name());
            scope.put(n.name().toLowerCase(Locale.ROOT), LambdaNode.param(n.name(), key, i));
        }
        if (params == null || a.isEmpty()) {
            return new UnknownCallNode("LAMBDA", compileArgs(a, host, pre, vol, depth, dr, dc), ErrorValue.VALUE);
        }
        letScope = scope;
        try {
            return new LambdaNode(params, key, compile(a.get(a.size() - 1), host, pre, vol, depth + 1, dr, dc));
        } finally {
            letScope = outer;
        }
    }

    private Node compileCall(Expr.Call c, int host, IntList pre, boolean[] vol, int depth, int dr, int dc) {
        if (c.name().equals("LET") && c.args().size() >= 3 && c.args().size() % 2 == 1) {
            Node let = compileLet(c, host, pre, vol, depth, dr, dc);
            if (let != null) {
                return let;
            }
        }
        Node lambda = compileLambdaCall(c, host, pre, vol, depth, dr, dc);
        if (lambda != null) {
            return lambda;
        }
        List<Expr> argExprs = c.args();
        Node[] args = new Node[argExprs.size()];
        boolean arrayArgs = ArrayOps.ARRAY_ARGUMENTS.contains(c.name());
        if (arrayArgs) {
            arrayMode++;
        }
        try {
            for (int i = 0; i < args.length; i++) {
                args[i] = compile(argExprs.get(i), host, pre, vol, depth + 1, dr, dc);
            }
        } finally {
            if (arrayArgs) {
                arrayMode--;
            }
        }
        FunctionSpec spec = lookup(c.name());
        if (spec == null) {
            return new UnknownCallNode(c.name(), args, ErrorValue.NAME);
        }
        if (!spec.acceptsArgCount(args.length)) {
            return new UnknownCallNode(spec.name(), args, ErrorValue.VALUE);
        }
        if (spec.volatileFunction()) {
            vol[0] = true;
        }
        CallNode call = new CallNode(spec, args);
        if ((arrayMode > 0 || anyArray(args)) && spec.function() != null && ArrayOps.LIFTED.contains(spec.name())) {
            return new ArrayOps.Lift(call); // a scalar function element by element
        }
        if (lastCallBuiltinSum // spec is lastCallSpec
                && args.length == 1
                && args[0] instanceof AreaNode area
                && area.rangeHandle() instanceof RangeNode rn) {
            // the built-in SUM over one range: read the range node's running sum
            return new SumAreaNode(call, rn);
        }
        return call;
    }

    /** A shifted reference stays on the sheet: equal shapes guarantee it (see finishLoad). */
    private static void checkShifted(int row, int col) {
        if (row < 0 || row > Expr.MAX_ROW || col < 0 || col > Expr.MAX_COL) {
            throw new IllegalStateException("Shifted reference off the sheet: row " + row + ", column " + col);
        }
    }

    /** An area with its relative rows and columns shifted, corners ordered as the parser orders them. */
    private static Expr.AreaRef shift(Expr.AreaRef a, int dr, int dc) {
        int r1 = a.row1();
        int r2 = a.row2();
        boolean r1a = a.row1Abs();
        boolean r2a = a.row2Abs();
        if (a.kind() != Expr.AreaKind.COLUMNS) {
            r1 = r1a ? r1 : r1 + dr;
            r2 = r2a ? r2 : r2 + dr;
        }
        int c1 = a.col1();
        int c2 = a.col2();
        boolean c1a = a.col1Abs();
        boolean c2a = a.col2Abs();
        if (a.kind() != Expr.AreaKind.ROWS) {
            c1 = c1a ? c1 : c1 + dc;
            c2 = c2a ? c2 : c2 + dc;
        }
        if (r1 > r2) {
            int t = r1;
            r1 = r2;
            r2 = t;
            boolean f = r1a;
            r1a = r2a;
            r2a = f;
        }
        if (c1 > c2) {
            int t = c1;
            c1 = c2;
            c2 = t;
            boolean f = c1a;
            c1a = c2a;
            c2a = f;
        }
        checkShifted(r1, c1);
        checkShifted(r2, c2);
        return new Expr.AreaRef(a.sheet(), r1, c1, r2, c2, r1a, c1a, r2a, c2a, a.kind());
    }
}

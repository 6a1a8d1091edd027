package io.ledgerflow.formula.function;

import io.ledgerflow.formula.function.date.DateFunctions;
import io.ledgerflow.formula.function.finance.FinanceFunctions;
import io.ledgerflow.formula.function.info.InfoFunctions;
import io.ledgerflow.formula.function.logic.LogicFunctions;
import io.ledgerflow.formula.function.lookup.LookupFunctions;
import io.ledgerflow.formula.function.math.ConditionalFunctions;
import io.ledgerflow.formula.function.math.MathFunctions;
import io.ledgerflow.formula.function.text.TextFunctions;
import java.util.List;

/** The function families of {@link FunctionRegistry#defaults()}: add a new family here. */
public final class BuiltinFunctions {

    private BuiltinFunctions() {}

    public static final List<FunctionFamily> FAMILIES = List.of(
            new MathFunctions(),
            new ConditionalFunctions(),
            new LogicFunctions(),
            new InfoFunctions(),
            new LookupFunctions(),
            new TextFunctions(),
            new DateFunctions(),
            new FinanceFunctions());
}

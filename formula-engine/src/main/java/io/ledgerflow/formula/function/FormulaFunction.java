package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.Value;

/**
 * A spreadsheet function. Implementations must be stateless and thread-safe: the engine calls
 * them from several threads at once. Arguments are evaluated lazily through {@link Args}, so
 * IF-like functions evaluate only the branch they need. A function returns an error value
 * ({@link io.ledgerflow.formula.value.ErrorValue}) or throws {@link FormulaError} from a coercion
 * helper; the engine turns the throw into the error value.
 */
@FunctionalInterface
public interface FormulaFunction {

    Value apply(Args args);
}

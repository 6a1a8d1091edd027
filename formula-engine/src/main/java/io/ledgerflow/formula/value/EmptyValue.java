package io.ledgerflow.formula.value;

/** An empty cell: 0 in arithmetic, "" in text operations, FALSE in logic. */
public enum EmptyValue implements Value {
    INSTANCE;

    @Override
    public Object toJava() {
        return null;
    }

    @Override
    public String toString() {
        return "";
    }
}

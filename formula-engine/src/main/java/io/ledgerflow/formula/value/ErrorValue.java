package io.ledgerflow.formula.value;

/** Excel's error values, plus #CYCLE! for cells on (or fed by) a circular reference, #SPILL! and #CALC! of dynamic arrays. */
public enum ErrorValue implements Value {
    NULL("#NULL!"),
    DIV0("#DIV/0!"),
    VALUE("#VALUE!"),
    REF("#REF!"),
    NAME("#NAME?"),
    NUM("#NUM!"),
    NA("#N/A"),
    CYCLE("#CYCLE!"),
    /** A dynamic array whose spill range is not empty (or runs off the sheet). */
    SPILL("#SPILL!"),
    /** A calculation with no result, such as FILTER matching nothing. */
    CALC("#CALC!");

    private final String text;

    ErrorValue(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public Object toJava() {
        return this;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The error with this spelling (case-insensitive), or null. */
    public static ErrorValue parse(String s) {
        for (ErrorValue e : values()) {
            if (e.text.equalsIgnoreCase(s)) {
                return e;
            }
        }
        return null;
    }
}

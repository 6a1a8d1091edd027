package io.ledgerflow.formula.parse;

/** A formula that is not well-formed; {@link #position()} is the 0-based offset in the text. */
public final class ParseException extends RuntimeException {

    private final int position;

    public ParseException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}

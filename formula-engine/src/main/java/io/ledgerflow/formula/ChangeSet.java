package io.ledgerflow.formula;

import io.ledgerflow.formula.value.Value;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The cells whose values an edit changed, with their old and new values, and the revision the
 * edit produced. Backed by primitive arrays; addresses are materialised on demand.
 */
public final class ChangeSet {

    private final long revision;
    private final List<String> sheetNames;
    private final int[] sheets;
    private final int[] rows;
    private final int[] cols;
    private final Value[] oldValues;
    private final Value[] newValues;
    private Set<CellAddress> set;

    ChangeSet(
            long revision,
            List<String> sheetNames,
            int[] sheets,
            int[] rows,
            int[] cols,
            Value[] oldValues,
            Value[] newValues) {
        this.revision = revision;
        this.sheetNames = sheetNames;
        this.sheets = sheets;
        this.rows = rows;
        this.cols = cols;
        this.oldValues = oldValues;
        this.newValues = newValues;
    }

    /** The revision this edit produced. */
    public long revision() {
        return revision;
    }

    public int size() {
        return rows.length;
    }

    public boolean isEmpty() {
        return rows.length == 0;
    }

    public CellAddress address(int i) {
        return new CellAddress(sheetNames.get(sheets[i]), rows[i], cols[i]);
    }

    public Value oldValue(int i) {
        return oldValues[i];
    }

    public Value newValue(int i) {
        return newValues[i];
    }

    /** The changed cells as a set of addresses. */
    public Set<CellAddress> cells() {
        if (set == null) {
            Set<CellAddress> s = new HashSet<>();
            for (int i = 0; i < rows.length; i++) {
                s.add(address(i));
            }
            set = new AbstractSet<>() {
                @Override
                public Iterator<CellAddress> iterator() {
                    return new Iterator<>() {
                        int i;

                        @Override
                        public boolean hasNext() {
                            return i < rows.length;
                        }

                        @Override
                        public CellAddress next() {
                            if (i >= rows.length) {
                                throw new NoSuchElementException();
                            }
                            return address(i++);
                        }
                    };
                }

                @Override
                public int size() {
                    return rows.length;
                }

                @Override
                public boolean contains(Object o) {
                    return s.contains(o);
                }
            };
        }
        return set;
    }

    public boolean contains(CellAddress a) {
        return cells().contains(a);
    }

    @Override
    public String toString() {
        return "ChangeSet{revision=" + revision + ", cells=" + size() + "}";
    }
}

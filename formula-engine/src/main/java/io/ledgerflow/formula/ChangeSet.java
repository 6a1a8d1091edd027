package io.ledgerflow.formula;

import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.workbook.Workbook;
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
    private final Workbook wb;
    private final int[] ids;
    private final double[] oldNumbers;
    private final Value[] oldValues;
    private final double[] newNumbers;
    private final Value[] newValues;
    private Set<CellAddress> set;

    private final List<CellAddress> addresses;

    ChangeSet(
            long revision,
            Workbook wb,
            int[] ids,
            double[] oldNumbers,
            Value[] oldValues,
            double[] newNumbers,
            Value[] newValues) {
        this.revision = revision;
        this.wb = wb;
        this.ids = ids;
        this.oldNumbers = oldNumbers;
        this.oldValues = oldValues;
        this.newNumbers = newNumbers;
        this.newValues = newValues;
        this.addresses = null;
    }

    ChangeSet(long revision, List<CellAddress> addresses, Value[] oldValues, Value[] newValues) {
        this.revision = revision;
        this.wb = null;
        this.ids = new int[addresses.size()];
        this.oldNumbers = new double[addresses.size()];
        this.oldValues = oldValues;
        this.newNumbers = new double[addresses.size()];
        this.newValues = newValues;
        this.addresses = List.copyOf(addresses);
    }

    /** The revision this edit produced. */
    public long revision() {
        return revision;
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    public CellAddress address(int i) {
        if (addresses != null) {
            return addresses.get(i);
        }
        int id = ids[i];
        return new CellAddress(wb.sheetName(wb.cellSheet(id)), wb.cellRow(id), wb.cellCol(id));
    }

    public Value oldValue(int i) {
        return oldValues[i] != null ? oldValues[i] : NumberValue.of(oldNumbers[i]);
    }

    public Value newValue(int i) {
        return newValues[i] != null ? newValues[i] : NumberValue.of(newNumbers[i]);
    }

    /** The changed cells as a set of addresses. */
    public Set<CellAddress> cells() {
        if (set == null) {
            Set<CellAddress> s = new HashSet<>();
            for (int i = 0; i < ids.length; i++) {
                s.add(address(i));
            }
            set = new AbstractSet<>() {
                @Override
                public Iterator<CellAddress> iterator() {
                    return new Iterator<>() {
                        int i;

                        @Override
                        public boolean hasNext() {
                            return i < ids.length;
                        }

                        @Override
                        public CellAddress next() {
                            if (i >= ids.length) {
                                throw new NoSuchElementException();
                            }
                            return address(i++);
                        }
                    };
                }

                @Override
                public int size() {
                    return ids.length;
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

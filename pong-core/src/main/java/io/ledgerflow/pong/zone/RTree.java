package io.ledgerflow.pong.zone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A static R-tree bulk-loaded by Sort-Tile-Recursive packing (Leutenegger et al., 1997): entries
 * are sorted by x-centre into vertical slices, each slice by y-centre, and packed {@link #FANOUT} to a
 * node, level by level. Immutable; rebuild it when the entries change (zones change between frames).
 */
public final class RTree<T> {
    static final int FANOUT = 8;

    private record Node<T>(Rect box, List<Node<T>> children, T value) {}

    private final Node<T> root;
    private final int size;

    public RTree(List<T> values, java.util.function.Function<T, Rect> boxOf) {
        List<Node<T>> level = new ArrayList<>();
        for (T v : values) {
            level.add(new Node<>(boxOf.apply(v), List.of(), v));
        }
        size = values.size();
        while (level.size() > 1) {
            level = pack(level);
        }
        root = level.isEmpty() ? null : level.get(0);
    }

    private static <T> List<Node<T>> pack(List<Node<T>> nodes) {
        int n = nodes.size();
        int leaves = (n + FANOUT - 1) / FANOUT;
        int slices = (int) Math.ceil(Math.sqrt(leaves));
        int perSlice = slices * FANOUT;
        List<Node<T>> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingLong((Node<T> a) -> (long) a.box.x0() + a.box.x1()));
        List<Node<T>> parents = new ArrayList<>();
        for (int s = 0; s < n; s += perSlice) {
            List<Node<T>> slice = new ArrayList<>(sorted.subList(s, Math.min(n, s + perSlice)));
            slice.sort(Comparator.comparingLong((Node<T> a) -> (long) a.box.y0() + a.box.y1()));
            for (int k = 0; k < slice.size(); k += FANOUT) {
                List<Node<T>> children = List.copyOf(slice.subList(k, Math.min(slice.size(), k + FANOUT)));
                Rect box = children.get(0).box;
                for (Node<T> c : children) {
                    box = box.union(c.box);
                }
                parents.add(new Node<>(box, children, null));
            }
        }
        return parents;
    }

    public int size() {
        return size;
    }

    /** Visits every entry whose rectangle meets the closed box {@code [x0,x1] x [y0,y1]}. */
    public void search(long x0, long y0, long x1, long y1, Consumer<T> visitor) {
        if (root != null) {
            search(root, x0, y0, x1, y1, visitor);
        }
    }

    private void search(Node<T> node, long x0, long y0, long x1, long y1, Consumer<T> visitor) {
        if (!node.box.intersects(x0, y0, x1, y1)) {
            return;
        }
        if (node.children.isEmpty()) {
            visitor.accept(node.value);
            return;
        }
        for (Node<T> c : node.children) {
            search(c, x0, y0, x1, y1, visitor);
        }
    }

    /** The first entry whose (half-open) rectangle contains the point, or null. */
    public T find(int x, int y) {
        return root == null ? null : find(root, x, y);
    }

    private T find(Node<T> node, int x, int y) {
        if (!node.box.contains(x, y)) {
            return null;
        }
        if (node.children.isEmpty()) {
            return node.value;
        }
        for (Node<T> c : node.children) {
            T t = find(c, x, y);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}

package io.ledgerflow.linking.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ledgerflow.linking.reference.Area;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.stereotype.Component;

/**
 * The link graph in memory: every link as an edge from a source (a workbook area, or a dataset
 * column over some row keys) to a destination workbook area, indexed by source and destination
 * document. Rebuilt from linking's tables at start and kept current by the writes of this instance;
 * answers cycle checks, lineage and impact without touching the database.
 */
@Component
public final class LinkGraph {

    /**
     * One link. Workbook sources have {@code sourceArea}; dataset sources {@code column} and {@code
     * keys} (a field has one key, a slice several, in destination order).
     */
    public record Edge(
            UUID linkId,
            String workspace,
            String sourceType,
            UUID sourceDocument,
            Area sourceArea,
            String column,
            List<List<String>> keys,
            UUID destinationDocument,
            Area destinationArea,
            boolean active) {

        boolean fromWorkbook() {
            return sourceArea != null;
        }

        String sourceRef() {
            return fromWorkbook() ? sourceArea.toString() : column + (keys.size() == 1 ? keys.getFirst() : keys);
        }
    }

    /** A place in a document: a workbook area, or a dataset (column and key optional). */
    public record Node(String type, UUID document, Area area, String column, List<String> key) {

        public static Node workbook(UUID document, Area area) {
            return new Node("workbook", document, area, null, null);
        }

        public static Node dataset(UUID document, String column, List<String> key) {
            return new Node("dataset", document, null, column, key);
        }

        /** The canonical reference: a workbook area, or a dataset's {@code column[key]}. */
        @JsonProperty("ref")
        public String ref() {
            if (area != null) {
                return area.toString();
            }
            return column == null ? null : column + (key == null ? "" : key.toString());
        }
    }

    /** One link followed: from where to where, at which distance from the start. */
    public record Hop(int depth, UUID linkId, Node from, Node to, boolean active) {}

    private final Map<UUID, Edge> edges = new HashMap<>();
    private final Map<UUID, List<Edge>> bySource = new HashMap<>();
    private final Map<UUID, List<Edge>> byDestination = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public void put(Edge edge) {
        lock.writeLock().lock();
        try {
            removeLocked(edge.linkId());
            edges.put(edge.linkId(), edge);
            bySource.computeIfAbsent(edge.sourceDocument(), d -> new ArrayList<>(2))
                    .add(edge);
            byDestination
                    .computeIfAbsent(edge.destinationDocument(), d -> new ArrayList<>(2))
                    .add(edge);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void putAll(Collection<Edge> all) {
        lock.writeLock().lock();
        try {
            all.forEach(this::put);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(UUID linkId) {
        lock.writeLock().lock();
        try {
            removeLocked(linkId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            edges.clear();
            bySource.clear();
            byDestination.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<Edge> get(UUID linkId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(edges.get(linkId));
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return edges.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void removeLocked(UUID linkId) {
        Edge old = edges.remove(linkId);
        if (old != null) {
            dropFrom(bySource, old.sourceDocument(), old);
            dropFrom(byDestination, old.destinationDocument(), old);
        }
    }

    private static void dropFrom(Map<UUID, List<Edge>> index, UUID document, Edge edge) {
        List<Edge> list = index.get(document);
        if (list != null) {
            list.removeIf(e -> e.linkId().equals(edge.linkId()));
            if (list.isEmpty()) {
                index.remove(document);
            }
        }
    }

    /**
     * A chain of workbook links leading from document {@code from} to document {@code to}
     * (document-level, links inside one workbook ignored), shortest first; empty when none. A new
     * link to → from would close it into a cycle.
     */
    public List<Edge> documentPath(UUID from, UUID to) {
        lock.readLock().lock();
        try {
            Map<UUID, Edge> reachedBy = new HashMap<>();
            ArrayDeque<UUID> queue = new ArrayDeque<>(List.of(from));
            Set<UUID> seen = new HashSet<>(List.of(from));
            while (!queue.isEmpty()) {
                UUID document = queue.poll();
                for (Edge edge : bySource.getOrDefault(document, List.of())) {
                    UUID next = edge.destinationDocument();
                    if (!edge.active() || !edge.fromWorkbook() || next.equals(document) || !seen.add(next)) {
                        continue;
                    }
                    reachedBy.put(next, edge);
                    if (next.equals(to)) {
                        List<Edge> path = new ArrayList<>();
                        for (UUID at = to;
                                !at.equals(from);
                                at = reachedBy.get(at).sourceDocument()) {
                            path.addFirst(reachedBy.get(at));
                        }
                        return path;
                    }
                    queue.add(next);
                }
            }
            return List.of();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One link of a chain, with the cells of it on the chain: {@code from} (in its source) flows into {@code to}. */
    public record Step(Edge edge, Area from, Area to) {}

    /** Places a {@link #cellPath} search visits at most before it gives up (and says so with null). */
    static final int MAX_PLACES = 100_000;

    private record Place(UUID document, Area area) {}

    private record Reached(Place previous, Step step) {}

    /**
     * The shortest chain of active workbook links (links inside one workbook included) along which
     * values in {@code area} of document {@code from} reach cells of {@code target} in document
     * {@code to}, each step naming the very cells it carries; empty when there is none. Exact at
     * cell level: a step continues only from the cells the previous one filled, compared as
     * addresses. Formulas inside a workbook are not steps (linking does not see them). Null when
     * the search passed {@link #MAX_PLACES} places without an answer.
     */
    public List<Step> cellPath(UUID from, Area area, UUID to, Area target) {
        lock.readLock().lock();
        try {
            Place start = new Place(from, area);
            Map<Place, Reached> reachedBy = new HashMap<>();
            ArrayDeque<Place> queue = new ArrayDeque<>(List.of(start));
            Set<Place> seen = new HashSet<>(List.of(start));
            while (!queue.isEmpty()) {
                Place place = queue.poll();
                for (Edge edge : bySource.getOrDefault(place.document(), List.of())) {
                    if (!edge.active() || !edge.fromWorkbook()) {
                        continue;
                    }
                    Area carried = edge.sourceArea().intersection(place.area());
                    if (carried == null) {
                        continue;
                    }
                    Area filled = carried.mapped(edge.sourceArea(), edge.destinationArea());
                    Place next = new Place(edge.destinationDocument(), filled);
                    if (!seen.add(next)) {
                        continue;
                    }
                    reachedBy.put(next, new Reached(place, new Step(edge, carried, filled)));
                    if (next.document().equals(to) && filled.overlaps(target)) {
                        List<Step> path = new ArrayList<>();
                        for (Place at = next;
                                !at.equals(start);
                                at = reachedBy.get(at).previous()) {
                            path.addFirst(reachedBy.get(at).step());
                        }
                        return path;
                    }
                    if (seen.size() > MAX_PLACES) {
                        return null;
                    }
                    queue.add(next);
                }
            }
            return List.of();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Where values at {@code start} flow to, following the links of {@code workspace} (null: every
     * workspace's) to {@code depth} hops.
     */
    public List<Hop> downstream(String workspace, Node start, int depth) {
        return walk(workspace, start, depth, true);
    }

    /** Where the values at {@code start} come from, following links back {@code depth} hops. */
    public List<Hop> upstream(String workspace, Node start, int depth) {
        return walk(workspace, start, depth, false);
    }

    private List<Hop> walk(String workspace, Node start, int depth, boolean down) {
        lock.readLock().lock();
        try {
            List<Hop> hops = new ArrayList<>();
            Set<Node> seen = new HashSet<>(List.of(start));
            List<Node> frontier = List.of(start);
            for (int d = 1; d <= depth && !frontier.isEmpty(); d++) {
                List<Node> next = new ArrayList<>();
                for (Node node : frontier) {
                    for (Hop hop : down ? next(workspace, node, d) : previous(workspace, node, d)) {
                        hops.add(hop);
                        Node reached = down ? hop.to() : hop.from();
                        if (seen.add(reached)) {
                            next.add(reached);
                        }
                    }
                }
                frontier = next;
            }
            return hops;
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hop> next(String workspace, Node node, int depth) {
        List<Hop> hops = new ArrayList<>();
        for (Edge edge : bySource.getOrDefault(node.document(), List.of())) {
            if (workspace != null && !workspace.equals(edge.workspace())) {
                continue;
            }
            Area reached = null;
            Node from = node;
            if (edge.fromWorkbook() && node.area() == null) {
                reached = edge.destinationArea();
                from = Node.workbook(node.document(), edge.sourceArea());
            } else if (edge.fromWorkbook()) {
                Area overlap = edge.sourceArea().intersection(node.area());
                if (overlap != null) {
                    from = Node.workbook(node.document(), overlap);
                    reached = overlap.mapped(edge.sourceArea(), edge.destinationArea());
                }
            } else if (node.column() == null || node.column().equals(edge.column())) {
                if (node.key() == null) {
                    reached = edge.destinationArea();
                    from = Node.dataset(node.document(), edge.column(), null);
                } else {
                    int index = edge.keys().indexOf(node.key());
                    if (index >= 0) {
                        reached = keyCell(edge, index);
                        from = Node.dataset(node.document(), edge.column(), node.key());
                    }
                }
            }
            if (reached != null) {
                hops.add(new Hop(
                        depth, edge.linkId(), from, Node.workbook(edge.destinationDocument(), reached), edge.active()));
            }
        }
        return hops;
    }

    private List<Hop> previous(String workspace, Node node, int depth) {
        List<Hop> hops = new ArrayList<>();
        if (node.area() == null && node.column() != null) {
            return hops; // a dataset is a source only
        }
        for (Edge edge : byDestination.getOrDefault(node.document(), List.of())) {
            if (workspace != null && !workspace.equals(edge.workspace())) {
                continue;
            }
            Area overlap = node.area() == null
                    ? edge.destinationArea()
                    : edge.destinationArea().intersection(node.area());
            if (overlap == null) {
                continue;
            }
            Node to = Node.workbook(node.document(), overlap);
            Node from;
            if (edge.fromWorkbook()) {
                from = Node.workbook(edge.sourceDocument(), overlap.mapped(edge.destinationArea(), edge.sourceArea()));
            } else if (edge.keys().size() == 1 || !overlap.isSingleCell()) {
                from = Node.dataset(
                        edge.sourceDocument(),
                        edge.column(),
                        edge.keys().size() == 1 ? edge.keys().getFirst() : null);
            } else {
                Area d = edge.destinationArea();
                int index = (overlap.row1() - d.row1()) + (overlap.col1() - d.col1());
                from = Node.dataset(
                        edge.sourceDocument(), edge.column(), edge.keys().get(index));
            }
            hops.add(new Hop(depth, edge.linkId(), from, to, edge.active()));
        }
        return hops;
    }

    private static Area keyCell(Edge edge, int index) {
        Area d = edge.destinationArea();
        return d.cols() == 1 ? d.at(index, 0) : d.at(0, index);
    }

    /** Every downstream document and how many of its cells a change at {@code start} reaches. */
    public Map<UUID, Long> impact(String workspace, Node start, int depth) {
        Map<UUID, Set<String>> cells = new LinkedHashMap<>();
        for (Hop hop : downstream(workspace, start, depth)) {
            Area area = hop.to().area();
            Set<String> set = cells.computeIfAbsent(hop.to().document(), d -> new HashSet<>());
            for (int r = area.row1(); r <= area.row2(); r++) {
                for (int c = area.col1(); c <= area.col2(); c++) {
                    set.add(area.sheetKey() + "!" + r + "," + c);
                }
            }
        }
        Map<UUID, Long> counts = new LinkedHashMap<>();
        cells.forEach((document, set) -> counts.put(document, (long) set.size()));
        return counts;
    }
}

package io.ledgerflow.sharing.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.sharing.DataSharingServiceApplication;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.DatasetVersion;
import io.ledgerflow.sharing.dataset.Datasets;
import io.ledgerflow.sharing.read.Condition;
import io.ledgerflow.sharing.read.Reads;
import io.ledgerflow.sharing.read.Reads.ChangePage;
import io.ledgerflow.sharing.read.Reads.RowPage;
import io.ledgerflow.sharing.read.Reads.RowQuery;
import io.ledgerflow.sharing.read.Slice;
import io.ledgerflow.testsupport.InfrastructureInitializer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * For random sequences of full and delta publishes, against the real PostgreSQL: every version's
 * rows (read a page of two at a time), every as-of-time read and the change feed between every
 * two versions — for the owner and through a grant's row filter — equal a plain in-memory model
 * (a sorted map per version).
 */
class PublishPropertiesIT {

    private static ConfigurableApplicationContext context;

    /** A publish: full (rows are the version) or delta (upserts, then deletes). */
    record Op(boolean full, Map<String, Integer> rows, List<String> deletes) {}

    @Property(tries = 15)
    void readsAndFeedsEqualTheModel(@ForAll("sequences") List<Op> ops) {
        Datasets datasets = context().getBean(Datasets.class);
        Publisher publisher = context().getBean(Publisher.class);
        Reads reads = context().getBean(Reads.class);
        String workspace = "prop-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = datasets.create(
                        workspace, "model", List.of(Column.of("k", "text"), Column.of("v", "number")), List.of("k"))
                .id();

        List<TreeMap<String, Integer>> model = new ArrayList<>();
        model.add(new TreeMap<>());
        List<Instant> publishedAt = new ArrayList<>();
        publishedAt.add(null);
        for (Op op : ops) {
            TreeMap<String, Integer> next = op.full() ? new TreeMap<>(op.rows()) : new TreeMap<>(model.getLast());
            List<Map<String, Object>> rows = new ArrayList<>();
            op.rows().forEach((k, v) -> rows.add(Map.of("k", k, "v", v)));
            List<Map<String, Object>> deletes = new ArrayList<>();
            if (!op.full()) {
                next.putAll(op.rows());
                op.deletes().forEach(k -> {
                    next.remove(k);
                    deletes.add(Map.of("k", k));
                });
            }
            DatasetVersion version = publisher.publish(
                    workspace,
                    id,
                    new Publication(op.full() ? "full" : "delta", null, false),
                    new JsonRows(rows, deletes));
            assertThat(version.rowCount()).isEqualTo(next.size());
            List<String> changed = diff(model.getLast(), next, 0);
            assertThat(List.of(version.inserted(), version.updated(), version.deleted()))
                    .as("inserted, updated, deleted of version " + model.size())
                    .containsExactly(
                            count(changed, " inserted "), count(changed, " updated "), count(changed, " deleted "));
            model.add(next);
            publishedAt.add(version.publishedAt());
        }

        Dataset dataset = datasets.get(workspace, id);
        Slice high = new Slice(null, List.of(new Condition("v", "ge", new BigDecimal(2))));
        for (int v = 1; v < model.size(); v++) {
            assertThat(rows(reads, dataset, (long) v, null)).as("version " + v).isEqualTo(model.get(v));
            int last = publishedAt.lastIndexOf(publishedAt.get(v));
            assertThat(rows(reads, dataset, null, publishedAt.get(v)))
                    .as("as of the time of version " + v)
                    .isEqualTo(model.get(last));
        }
        for (int from = 0; from < model.size(); from++) {
            for (int to = from; to < model.size(); to++) {
                assertThat(feed(reads, dataset, from, to, Slice.ALL))
                        .as("changes " + from + " to " + to)
                        .isEqualTo(diff(model.get(from), model.get(to), 0));
                assertThat(feed(reads, dataset, from, to, high))
                        .as("changes " + from + " to " + to + " of rows with v >= 2")
                        .isEqualTo(diff(model.get(from), model.get(to), 2));
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "f");
        Arbitrary<Map<String, Integer>> rows =
                Arbitraries.maps(keys, Arbitraries.integers().between(0, 3)).ofMaxSize(6);
        Arbitrary<Op> full = rows.map(r -> new Op(true, r, List.of()));
        Arbitrary<Op> delta = Combinators.combine(rows, keys.set().ofMaxSize(3))
                .as((r, d) -> new Op(
                        false, r, d.stream().filter(k -> !r.containsKey(k)).toList()));
        return Arbitraries.oneOf(full, delta).list().ofMinSize(1).ofMaxSize(5);
    }

    /** All rows of a version (or of the version at a time), read two at a time through the cursor. */
    private static TreeMap<String, Integer> rows(Reads reads, Dataset dataset, Long version, Instant asOf) {
        TreeMap<String, Integer> rows = new TreeMap<>();
        String cursor = null;
        do {
            RowPage page = reads.rows(dataset, new RowQuery(version, asOf, cursor, 2, null, null), Slice.ALL);
            page.rows()
                    .forEach(row -> rows.put(
                            (String) row.values().get("k"),
                            ((Number) row.values().get("v")).intValue()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }

    /** The feed as "key change before after" lines, read two at a time. */
    private static List<String> feed(Reads reads, Dataset dataset, long from, long to, Slice slice) {
        List<String> changes = new ArrayList<>();
        String cursor = null;
        do {
            ChangePage page = reads.changes(dataset, from, to, cursor, 2, slice);
            page.changes()
                    .forEach(c -> changes.add(
                            c.key().getFirst() + " " + c.change() + " " + value(c.before()) + " " + value(c.after())));
            cursor = page.nextCursor();
        } while (cursor != null);
        return changes;
    }

    private static long count(List<String> changes, String kind) {
        return changes.stream().filter(line -> line.contains(kind)).count();
    }

    private static String value(Map<String, Object> row) {
        return row == null ? "-" : String.valueOf(((Number) row.get("v")).intValue());
    }

    /** The model's changes between two states, seeing only rows with v >= min. */
    private static List<String> diff(Map<String, Integer> before, Map<String, Integer> after, int min) {
        TreeMap<String, String> changes = new TreeMap<>();
        TreeMap<String, Integer> all = new TreeMap<>(before);
        all.putAll(after);
        for (String key : all.keySet()) {
            Integer b = before.get(key) != null && before.get(key) >= min ? before.get(key) : null;
            Integer a = after.get(key) != null && after.get(key) >= min ? after.get(key) : null;
            if (b == null && a != null) {
                changes.put(key, key + " inserted - " + a);
            } else if (b != null && a == null) {
                changes.put(key, key + " deleted " + b + " -");
            } else if (b != null && !b.equals(a)) {
                changes.put(key, key + " updated " + b + " " + a);
            }
        }
        return new ArrayList<>(changes.values());
    }

    private static synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            context = new SpringApplicationBuilder(DataSharingServiceApplication.class)
                    .initializers(new InfrastructureInitializer())
                    // arguments, not default properties: application.yml's ports outrank those
                    .run("--server.port=0", "--management.server.port=0");
        }
        return context;
    }

    @AfterContainer
    static void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}

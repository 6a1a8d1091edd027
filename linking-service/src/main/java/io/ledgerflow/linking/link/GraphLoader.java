package io.ledgerflow.linking.link;

import io.ledgerflow.linking.graph.LinkGraph;
import io.ledgerflow.linking.link.persistence.LinkStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Rebuilds the in-memory link graph from the {@code link} table when the service starts. */
@Component
class GraphLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GraphLoader.class);

    private final LinkStore links;
    private final LinkGraph graph;

    GraphLoader(LinkStore links, LinkGraph graph) {
        this.links = links;
        this.graph = graph;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        List<LinkGraph.Edge> edges = new ArrayList<>();
        links.forEach(link -> {
            if (link.destinationArea() != null) {
                edges.add(link.edge());
            }
        });
        graph.putAll(edges);
        log.info("link graph rebuilt: {} links in {} ms", edges.size(), (System.nanoTime() - start) / 1_000_000);
    }
}

package io.ledgerflow.linking.link.persistence;

import io.ledgerflow.linking.link.Link;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The active links out of each source, as last read, with the source's version ({@code
 * link_source_version}) at the time: reused while the version has not moved. Any statement on a
 * source's links moves it (a trigger, from a sequence: a number is never given out twice, so a
 * version rolled back can never match links read under another), whichever instance wrote. The
 * version is read before the links, so links newer than their version only cost a reread.
 */
final class ActiveLinksCache {

    /** Sources kept at most; past it the cache starts afresh (simple, and rare). */
    static final int MAX_SOURCES = 10_000;

    private record Key(String sourceType, UUID sourceDocumentId) {}

    private record Entry(long version, List<Link> links) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    List<Link> get(String sourceType, UUID sourceDocumentId, long version, Supplier<List<Link>> read) {
        Key key = new Key(sourceType, sourceDocumentId);
        Entry cached = entries.get(key);
        if (cached != null && cached.version() == version) {
            return cached.links();
        }
        List<Link> links = List.copyOf(read.get());
        if (entries.size() >= MAX_SOURCES) {
            entries.clear();
        }
        entries.put(key, new Entry(version, links));
        return links;
    }

    void clear() {
        entries.clear();
    }
}

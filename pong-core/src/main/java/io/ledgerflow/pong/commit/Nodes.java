package io.ledgerflow.pong.commit;

/** Node ids: shards are 0..n-1; the coordinator of epoch e is {@code -1 - e}. */
public final class Nodes {
    private Nodes() {}

    public static int coordinator(long epoch) {
        return (int) (-1 - epoch);
    }

    public static boolean isShard(int node) {
        return node >= 0;
    }
}

package io.ledgerflow.pong.service.shards;

import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.service.shards.ShardControl.Command;
import io.ledgerflow.pong.service.shards.ShardControl.HostAlive;
import io.ledgerflow.pong.service.shards.ShardControl.HostShards;
import io.ledgerflow.pong.service.shards.ShardControl.ReleaseShards;
import io.ledgerflow.pong.service.shards.ShardControl.ShardsReady;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a game's shards go: spread round-robin over the hosts heard from in the last {@link #ALIVE} (sorted by id, so
 * shard {@code s} goes to host {@code s mod n}), each asked over the control topic and awaited until it says it is
 * ready.
 */
public final class ShardPlacement implements AutoCloseable {

    static final Duration ALIVE = Duration.ofSeconds(3);

    private final ShardControl control;
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> readies = new ConcurrentHashMap<>();

    public ShardPlacement(KafkaConnection connection) {
        this.control = new ShardControl(connection, this::on);
    }

    private void on(Command command) {
        switch (command) {
            case HostAlive alive -> lastSeen.put(alive.host(), System.nanoTime());
            case ShardsReady ready -> {
                CompletableFuture<Void> waiting = readies.get(ready.key() + "@" + ready.host());
                if (waiting != null) {
                    waiting.complete(null);
                }
            }
            default -> {}
        }
    }

    /** The hosts heard from lately, sorted. */
    public List<String> liveHosts() {
        long now = System.nanoTime();
        return lastSeen.entrySet().stream()
                .filter(e -> now - e.getValue() < ALIVE.toNanos())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * Hosts the shards of {@code layout} for the game placed under {@code key}, empty at {@code frame}; returns the hosts
     * used, or throws when no host is alive or one does not answer within {@code wait}.
     */
    public List<String> place(String key, Arena arena, ZoneLayout layout, long frame, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> hosts = liveHosts();
        while (hosts.isEmpty() && System.nanoTime() < deadline) {
            sleep(100); // a process that just started has heard no heartbeat yet
            hosts = liveHosts();
        }
        if (hosts.isEmpty()) {
            throw new IllegalStateException("no shard host is alive");
        }
        List<List<Integer>> shards = new ArrayList<>();
        hosts.forEach(h -> shards.add(new ArrayList<>()));
        for (int s = 0; s < layout.shards(); s++) {
            shards.get(s % hosts.size()).add(s);
        }
        List<String> used = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            if (shards.get(i).isEmpty()) {
                continue;
            }
            String host = hosts.get(i);
            CompletableFuture<Void> answer = new CompletableFuture<>();
            readies.put(key + "@" + host, answer);
            ready.add(answer);
            used.add(host);
            control.send(new HostShards(key, host, arena, layout, frame, List.copyOf(shards.get(i))));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            release(key);
            throw new IllegalStateException("shard hosts " + used + " did not all answer for " + key, e);
        } finally {
            used.forEach(host -> readies.remove(key + "@" + host));
        }
        return used;
    }

    /** Every host drops the shards of {@code key}. */
    public void release(String key) {
        control.send(new ReleaseShards(key));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        control.close();
    }
}

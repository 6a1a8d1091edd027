package io.ledgerflow.pong.service.shards;

import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.service.shards.ShardControl.Command;
import io.ledgerflow.pong.service.shards.ShardControl.HostAlive;
import io.ledgerflow.pong.service.shards.ShardControl.HostShards;
import io.ledgerflow.pong.service.shards.ShardControl.ReleaseShards;
import io.ledgerflow.pong.service.shards.ShardControl.ShardsReady;
import io.ledgerflow.pong.shard.ShardHost;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This process as a host of other games' shards: it says it is alive on the control topic every second, hosts the
 * shards it is asked to host (empty, on its own protocol thread, their messages over the {@link ShardMessageBus}) and
 * says so, and drops them when released. Their state lives in memory only: a host that dies takes its shards with it,
 * and the game's instance places them again and installs its state on the new ones.
 */
public final class ShardHostService implements AutoCloseable {

    private final String id = "host-" + UUID.randomUUID();
    private final ShardMessageBus bus;
    private final ProtocolThread protocol = new ProtocolThread("pong-shard-host");
    private final Map<String, ShardHost> hosted = new ConcurrentHashMap<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final ShardControl control;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("pong-shard-host-heartbeat").daemon().unstarted(r));

    public ShardHostService(KafkaConnection connection, ShardMessageBus bus) {
        this.bus = bus;
        this.control = new ShardControl(connection, this::on);
        heartbeat.scheduleAtFixedRate(() -> control.send(new HostAlive(id)), 0, 1, TimeUnit.SECONDS);
    }

    public String id() {
        return id;
    }

    /** The placement keys of the games whose shards are hosted here. */
    public Set<String> hostedGames() {
        return Set.copyOf(hosted.keySet());
    }

    private void on(Command command) {
        switch (command) {
            case HostShards h
            when h.host().equals(id) -> {
                hosted.computeIfAbsent(
                        h.key(),
                        key -> new ShardHost(
                                h.arena(),
                                h.layout(),
                                h.frame(),
                                h.shardIds().stream()
                                        .mapToInt(Integer::intValue)
                                        .toArray(),
                                bus.transport(key, protocol),
                                protocol));
                control.send(new ShardsReady(h.key(), id));
            }
            case ReleaseShards r -> {
                ShardHost host = hosted.remove(r.key());
                if (host != null) {
                    host.close();
                    bus.forget(r.key());
                }
            }
            default -> {}
        }
    }

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        heartbeat.shutdownNow();
        control.close();
        hosted.values().forEach(ShardHost::close);
        protocol.close();
    }
}

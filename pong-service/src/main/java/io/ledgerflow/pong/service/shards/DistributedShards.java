package io.ledgerflow.pong.service.shards;

import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.shard.RealTimeCluster;
import io.ledgerflow.pong.shard.ShardCluster;
import io.ledgerflow.pong.zone.ZoneLayout;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * This instance's part in spreading games' shards over instances, set by two switches:
 *
 * <ul>
 *   <li>{@code pong.shards.placement=remote}: the games this instance runs keep their coordinator here and place their
 *       shards on the shard hosts alive ({@link ShardPlacement}); {@code local} (the default) keeps them in process.
 *   <li>{@code pong.shard-host.enabled=true}: this instance hosts shards of any instance's games
 *       ({@link ShardHostService}).
 * </ul>
 *
 * The Kafka parts start only when a switch needs them, after the topics exist (application ready).
 */
@Component
public class DistributedShards {

    static final Duration PLACEMENT_WAIT = Duration.ofSeconds(10);

    private final KafkaConnection connection;
    private final boolean remote;
    private final boolean host;
    /** Per phase (pong.shards.phase-timeout); three attempts, so a frame whose shards are gone fails quickly. */
    private final Coordinator.Options commit;
    /** How long a transaction's coordinator may stay silent before one of the next epoch takes over. */
    private final Duration silence;

    private ShardMessageBus bus;
    private ShardPlacement placement;
    private ShardHostService hostService;
    private ProtocolThread coordinators;

    DistributedShards(
            KafkaProperties kafka,
            @Value("${pong.shards.placement:local}") String placement,
            @Value("${pong.shard-host.enabled:false}") boolean host,
            @Value("${pong.shards.phase-timeout:200ms}") Duration phaseTimeout,
            @Value("${pong.shards.silence:1s}") Duration silence) {
        if (!placement.equals("local") && !placement.equals("remote")) {
            throw new IllegalArgumentException("pong.shards.placement must be local or remote, was " + placement);
        }
        this.connection = KafkaConnection.of(kafka);
        this.remote = placement.equals("remote");
        this.host = host;
        this.commit = new Coordinator.Options(phaseTimeout.toMillis(), 3);
        this.silence = silence;
    }

    /** Before games resume (they may need this instance as their host). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void start() {
        if (host) {
            hostService();
        }
    }

    /** Whether this instance's games run their shards on shard hosts. */
    public boolean remote() {
        return remote;
    }

    /**
     * Places the shards of {@code layout}, empty at {@code frame}, for the game placed under {@code key}, and returns
     * the cluster whose coordinator runs here.
     */
    public ShardCluster cluster(String key, Arena arena, ZoneLayout layout, long frame) {
        List<String> hosts = placement().place(key, arena, layout, frame, PLACEMENT_WAIT);
        ProtocolThread thread = coordinators();
        // A host that dies after its shards voted yes leaves the transaction undecided (3PC waits for it): after one
        // silence (a second by default) and one failover the frame fails, and the game places its shards again
        // (GameRunners).
        return new RealTimeCluster(layout.shards(), bus().transport(key, thread), thread, commit, silence, 1);
    }

    /** The shard hosts this instance heard from lately (remote placement). */
    public List<String> liveHosts() {
        return placement().liveHosts();
    }

    /** The shards of {@code key} are no longer needed: every host drops them. */
    public void release(String key) {
        if (remote) {
            placement().release(key);
            bus().forget(key);
        }
    }

    /** This instance's shard host, when it is one (tests look at what it hosts). */
    public synchronized ShardHostService hostService() {
        if (!host) {
            throw new IllegalStateException("pong.shard-host.enabled is false");
        }
        if (hostService == null) {
            hostService = new ShardHostService(connection, bus());
        }
        return hostService;
    }

    private synchronized ShardMessageBus bus() {
        if (bus == null) {
            bus = new ShardMessageBus(connection);
        }
        return bus;
    }

    private synchronized ShardPlacement placement() {
        if (placement == null) {
            placement = new ShardPlacement(connection);
        }
        return placement;
    }

    private synchronized ProtocolThread coordinators() {
        if (coordinators == null) {
            coordinators = new ProtocolThread("pong-coordinators");
        }
        return coordinators;
    }

    @PreDestroy
    synchronized void stop() {
        if (hostService != null) {
            hostService.close();
        }
        if (placement != null) {
            placement.close();
        }
        if (coordinators != null) {
            coordinators.close();
        }
        if (bus != null) {
            bus.close();
        }
    }
}

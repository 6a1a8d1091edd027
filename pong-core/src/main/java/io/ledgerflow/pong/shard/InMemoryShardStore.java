package io.ledgerflow.pong.shard;

import java.util.ArrayList;
import java.util.List;

public final class InMemoryShardStore implements ShardStore {
    private final List<ShardRecord> records = new ArrayList<>();

    @Override
    public void append(ShardRecord record) {
        records.add(record);
    }

    @Override
    public void compact(ShardRecord.Checkpoint checkpoint) {
        records.clear();
        records.add(checkpoint);
    }

    @Override
    public List<ShardRecord> records() {
        return List.copyOf(records);
    }
}

package io.ledgerflow.pong.game;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Inputs by frame, at most one per (player, frame): a later one for the same slot replaces it. */
public final class InputBook {
    private final NavigableMap<Long, NavigableMap<Integer, Input>> byFrame = new TreeMap<>();

    /** Records {@code input}; returns false if exactly this input was already there. */
    public boolean put(Input input) {
        Input old = byFrame.computeIfAbsent(input.frame(), f -> new TreeMap<>()).put(input.player(), input);
        return !input.equals(old);
    }

    /** The input recorded for this input's (player, frame), or null. */
    public Input get(int player, long frame) {
        NavigableMap<Integer, Input> m = byFrame.get(frame);
        return m == null ? null : m.get(player);
    }

    public void remove(Input input) {
        NavigableMap<Integer, Input> m = byFrame.get(input.frame());
        if (m != null) {
            m.remove(input.player());
        }
    }

    /** The inputs made for {@code frame}, ordered by player. */
    public List<Input> forFrame(long frame) {
        NavigableMap<Integer, Input> m = byFrame.get(frame);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    /** Forgets inputs for frames before {@code frame}. */
    public void pruneBefore(long frame) {
        byFrame.headMap(frame, false).clear();
    }
}

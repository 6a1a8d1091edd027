package io.ledgerflow.pong.physics;

/** The 64-bit finaliser of SplitMix64/Murmur3: a cheap, well-distributed, platform-independent mixer. */
public final class Mix {
    private Mix() {}

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

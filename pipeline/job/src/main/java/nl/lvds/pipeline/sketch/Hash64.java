package nl.lvds.pipeline.sketch;

/** Small 64-bit hash functions for the sketches: a finaliser and a salted string hash. */
public final class Hash64 {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hash64() {}

    /**
     * The SplitMix64 finaliser: spreads any 64-bit value over all bits. The sketches apply it
     * before HyperLogLog bucketing, because SimHashes of similar texts are deliberately not
     * uniform.
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A 64-bit hash of {@code key} salted with {@code salt}: FNV-1a over the salt's finalised bits
     * and the key's UTF-16 code units, then finalised. Never returns 0, which callers use for "no
     * key". Not cryptographic: it keeps the key out of state and output, it does not make a
     * guessable key unguessable.
     */
    public static long salted(String key, long salt) {
        long h = FNV_OFFSET;
        long s = mix(salt);
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((s >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * FNV_PRIME;
        }
        h = mix(h);
        return h == 0 ? 1 : h;
    }
}

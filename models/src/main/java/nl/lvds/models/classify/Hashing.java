package nl.lvds.models.classify;

/** Small, allocation-free hash functions used for feature hashing and SimHash. */
public final class Hashing {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hashing() {}

    /** 64-bit FNV-1a of a string's UTF-16 code units. */
    public static long fnv1a64(CharSequence s) {
        long h = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** Starts a running FNV-1a hash with a one-character namespace prefix. */
    public static long start(char namespace) {
        return (FNV_OFFSET ^ namespace) * FNV_PRIME;
    }

    /** Adds one character to a running FNV-1a hash. */
    public static long add(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }

    /** Adds a whole string to a running FNV-1a hash. */
    public static long add(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /** A strong 64-bit finaliser (from SplitMix64), used to spread hashes before folding. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

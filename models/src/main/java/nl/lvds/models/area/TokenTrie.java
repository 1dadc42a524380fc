package nl.lvds.models.area;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable trie over normalised word tokens (package-private), probed straight from the {@link
 * AreaTokens} buffer.
 *
 * <p>Each node keeps its children in a small open-addressing table keyed by the token's chars and
 * its String-compatible hash, so a lookup compares chars in place instead of allocating a String
 * per token. Nodes are built once and never change, so one trie is safely shared by all threads.
 *
 * @param <V> the value stored at the end of a name
 */
final class TokenTrie<V> {

    private final Node<V> root;
    private final int maxDepth;

    private TokenTrie(Node<V> root, int maxDepth) {
        this.root = root;
        this.maxDepth = maxDepth;
    }

    /** The number of tokens of the longest name. */
    int maxDepth() {
        return maxDepth;
    }

    /** The child of the root for token {@code i}, or null. */
    Node<V> first(AreaTokens t, int i) {
        return root.child(t, i);
    }

    /** One trie node: its children by token, and the value of the name ending here (or null). */
    static final class Node<V> {
        private final char[][] keys;
        private final int[] hashes;
        private final Node<V>[] kids;
        private final int mask;
        final V value;

        private Node(char[][] keys, int[] hashes, Node<V>[] kids, V value) {
            this.keys = keys;
            this.hashes = hashes;
            this.kids = kids;
            this.mask = keys == null ? 0 : keys.length - 1;
            this.value = value;
        }

        /** The child for token {@code i} of {@code t}, or null. */
        Node<V> child(AreaTokens t, int i) {
            if (keys == null) {
                return null;
            }
            final int h = t.hash[i];
            final int o = t.off[i];
            final int l = t.len[i];
            final char[] buf = t.buf;
            int slot = spread(h) & mask;
            while (true) {
                char[] k = keys[slot];
                if (k == null) {
                    return null;
                }
                if (hashes[slot] == h && k.length == l && same(k, buf, o)) {
                    return kids[slot];
                }
                slot = (slot + 1) & mask;
            }
        }

        private static boolean same(char[] k, char[] buf, int o) {
            for (int j = 0; j < k.length; j++) {
                if (k[j] != buf[o + j]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Collects names (as token lists) and freezes them into a trie. */
    static final class Builder<V> {
        private final BNode<V> root = new BNode<>();
        private int maxDepth;

        /** Adds a name; a second value for the same tokens replaces the first. */
        Builder<V> put(List<String> tokens, V value) {
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("empty name");
            }
            BNode<V> n = root;
            for (String token : tokens) {
                n = n.kids.computeIfAbsent(token, k -> new BNode<>());
            }
            n.value = value;
            maxDepth = Math.max(maxDepth, tokens.size());
            return this;
        }

        TokenTrie<V> build() {
            return new TokenTrie<>(freeze(root), maxDepth);
        }

        @SuppressWarnings("unchecked")
        private static <V> Node<V> freeze(BNode<V> b) {
            if (b.kids.isEmpty()) {
                return new Node<>(null, null, null, b.value);
            }
            int cap = Integer.highestOneBit(Math.max(2, b.kids.size() * 2 - 1)) << 1;
            char[][] keys = new char[cap][];
            int[] hashes = new int[cap];
            Node<V>[] kids = (Node<V>[]) new Node<?>[cap];
            for (Map.Entry<String, BNode<V>> e : b.kids.entrySet()) {
                String token = e.getKey();
                int h = token.hashCode();
                int slot = spread(h) & (cap - 1);
                while (keys[slot] != null) {
                    slot = (slot + 1) & (cap - 1);
                }
                keys[slot] = token.toCharArray();
                hashes[slot] = h;
                kids[slot] = freeze(e.getValue());
            }
            return new Node<>(keys, hashes, kids, b.value);
        }
    }

    private static final class BNode<V> {
        final Map<String, BNode<V>> kids = new HashMap<>();
        V value;
    }
}

package org.projectspark.platform.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Fresh answers built once for everyone who asks at the same time. A caller gets the result of a build that
 * <em>started after it asked</em>, so nothing older than its own request reaches it (what "fresh" means to a
 * teacher who pressed reload), yet a hundred co-teachers reloading one class at once cost the database two builds,
 * not a hundred: callers that arrive while a build runs all join the one next build, which starts when the
 * running one ends. At most one build per key runs at a time; a failed build fails the callers that shared it.
 * Callers check access before they ask: a key names a question whose answer is the same for all who may ask it.
 */
public final class FreshBuilds<K, V> {

    /** One build and the callers waiting on it; {@code turn} completes when it may start. */
    private static final class Build<V> {
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        final CompletableFuture<V> result = new CompletableFuture<>();
    }

    /** Per key: the build running, and the one that callers arriving now join (null when nobody waits). */
    private record Slot<V>(Build<V> running, Build<V> next) {
    }

    private final ConcurrentHashMap<K, Slot<V>> slots = new ConcurrentHashMap<>();

    /** The value of {@code build} as computed by a build that started after this call. */
    public V get(K key, Supplier<V> build) {
        @SuppressWarnings("unchecked")
        Build<V>[] mine = new Build[1];
        boolean[] leads = new boolean[1];
        slots.compute(key, (k, slot) -> {
            if (slot == null) {
                mine[0] = new Build<>();
                mine[0].turn.complete(null);
                leads[0] = true;
                return new Slot<>(mine[0], null);
            }
            if (slot.next() != null) {
                mine[0] = slot.next();
                return slot;
            }
            mine[0] = new Build<>();
            leads[0] = true;
            return new Slot<>(slot.running(), mine[0]);
        });
        Build<V> b = mine[0];
        if (leads[0]) {
            b.turn.join();
            try {
                b.result.complete(build.get());
            } catch (RuntimeException | Error e) {
                b.result.completeExceptionally(e);
            } finally {
                handOver(key, b);
            }
        }
        try {
            return b.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Builds waiting or running now, over all keys (0 when idle: no key is kept once its callers are answered). */
    public int keys() {
        return slots.size();
    }

    /** The build that waited behind {@code done} starts now; the key is forgotten when none waited. */
    private void handOver(K key, Build<V> done) {
        @SuppressWarnings("unchecked")
        Build<V>[] next = new Build[1];
        slots.computeIfPresent(key, (k, slot) -> {
            if (slot.running() != done) {
                return slot;
            }
            next[0] = slot.next();
            return next[0] == null ? null : new Slot<>(next[0], null);
        });
        if (next[0] != null) {
            next[0].turn.complete(null);
        }
    }
}

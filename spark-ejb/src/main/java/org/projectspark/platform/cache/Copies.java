package org.projectspark.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Copies of one kind on this instance ({@link InstanceCopies}): read through, and dropped on every instance by
 * {@link #drop} and {@link #dropAll} after the change they copy has committed.
 */
public final class Copies<K, V> {

    private final String kind;
    private final Cache<K, V> here;
    private final Function<String, K> keyOf;
    private final BiConsumer<String, String> announce;

    Copies(String kind, Cache<K, V> here, Function<String, K> keyOf, BiConsumer<String, String> announce) {
        this.kind = kind;
        this.here = here;
        this.keyOf = keyOf;
        this.announce = announce;
    }

    /** This instance's copy, else {@code read}'s (kept from now on; a {@code null} is not kept). */
    public V get(K key, Function<? super K, ? extends V> read) {
        return here.get(key, read);
    }

    /** This instance's copies of {@code keys}, the missing ones read together by {@code read}. */
    public Map<K, V> getAll(Collection<? extends K> keys, Function<Set<? extends K>, Map<K, V>> read) {
        return here.getAll(keys, read);
    }

    public Optional<V> find(K key) {
        return Optional.ofNullable(here.getIfPresent(key));
    }

    public void put(K key, V value) {
        here.put(key, value);
    }

    /** Drops the copy of {@code key} here at once, and on the other instances when they hear of it. */
    public void drop(K key) {
        here.invalidate(key);
        announce.accept(kind, key.toString());
    }

    public void dropAll() {
        here.invalidateAll();
        announce.accept(kind, InstanceCopies.ALL);
    }

    void dropHere(String key) {
        if (InstanceCopies.ALL.equals(key)) {
            here.invalidateAll();
            return;
        }
        try {
            here.invalidate(keyOf.apply(key));
        } catch (RuntimeException notOurs) {
            here.invalidateAll(); // a key this instance cannot read: dropping everything is always safe
        }
    }
}

package org.projectspark.platform.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where an instance keeps copies of what it read, for a short time, so that a burst of requests costs
 * one read. A copy is dropped on every instance of the cluster when what it was made from changes: the instance that
 * commits the change drops its own at once and announces it on a topic of Payara's Data Grid (Hazelcast, which
 * every instance of a domain or deployment group joins), and each instance drops its copy when the announcement
 * arrives (milliseconds). Without a Data Grid (disabled, or a lone Payara Micro) only the instance that made the
 * change drops its copy; the others' live out their time, which is then the bound (docs/architecture.md, Caching).
 */
@ApplicationScoped
public class InstanceCopies {

    private static final Logger LOG = Logger.getLogger(InstanceCopies.class.getName());
    static final String TOPIC = "spark-dropped-copies";
    /** A drop of every copy of one kind (a key never contains a space). */
    static final String ALL = "*";

    private final Map<String, Copies<?, ?>> kinds = new ConcurrentHashMap<>();
    private GridTopic topic;
    /** Announcements heard from the Data Grid, this instance's own included: the health document shows it. */
    private final AtomicLong heard = new AtomicLong();

    @PostConstruct
    void join() {
        topic = GridTopic.join(TOPIC, dropped -> {
            heard.incrementAndGet();
            dropHere(dropped);
        }, "copies are dropped on this instance only, others keep theirs for their time").orElse(null);
    }

    @PreDestroy
    void leave() {
        if (topic != null) {
            topic.leave();
        }
    }

    /** Whether drops reach the other instances (the Data Grid is there). */
    public boolean clustered() {
        return topic != null;
    }

    /** For the health document: the Data Grid's members (this instance among them), if there is a Data Grid. */
    public Optional<Integer> gridMembers() {
        return topic == null ? Optional.empty() : topic.members();
    }

    /** For the health document: how many drops this instance heard announced on the Data Grid since it started. */
    public long dropsHeard() {
        return heard.get();
    }

    /**
     * Copies of one kind: each kept at most {@code time}, at most {@code maxCopies} of them; {@code keyOf} reads a
     * key back from its text (keys travel between instances as text).
     */
    public <K, V> Copies<K, V> of(String kind, Duration time, long maxCopies, Function<String, K> keyOf) {
        if (kind.contains(" ")) {
            throw new IllegalArgumentException("a kind of copies is one word: " + kind);
        }
        Copies<K, V> copies = new Copies<>(kind, Caffeine.newBuilder().expireAfterWrite(time).maximumSize(maxCopies).build(),
                keyOf, this::announce);
        if (kinds.putIfAbsent(kind, copies) != null) {
            throw new IllegalStateException("two kinds of copies named " + kind);
        }
        return copies;
    }

    /** Copies keyed by an id. */
    public <V> Copies<UUID, V> byId(String kind, Duration time, long maxCopies) {
        return of(kind, time, maxCopies, UUID::fromString);
    }

    private void announce(String kind, String key) {
        if (topic == null) {
            return;
        }
        try {
            topic.publish(kind + " " + key);
        } catch (RuntimeException gridTrouble) {
            // the other instances' copies then live out their time, the bound without a Data Grid
            LOG.log(Level.WARNING, "Could not announce a dropped copy ({0}) to the other instances: {1}",
                    new Object[]{kind, gridTrouble.toString()});
        }
    }

    /** An announcement from any instance, this one's own included (its copy is already gone: a second drop is harmless). */
    void dropHere(String announcement) {
        int space = announcement.indexOf(' ');
        Copies<?, ?> copies = space < 0 ? null : kinds.get(announcement.substring(0, space));
        if (copies != null) {
            copies.dropHere(announcement.substring(space + 1));
        }
    }
}

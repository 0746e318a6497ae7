package org.projectspark.platform.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceCopiesTest {

    private final InstanceCopies copies = new InstanceCopies(); // no Data Grid: drops stay on this instance

    @Test
    void aCopyIsReadOnceAndDroppedByAnotherInstancesAnnouncement() {
        Copies<UUID, String> names = copies.byId("names", Duration.ofMinutes(1), 10);
        UUID id = UUID.randomUUID();
        AtomicInteger reads = new AtomicInteger();
        assertThat(names.get(id, k -> "Amina " + reads.incrementAndGet())).isEqualTo("Amina 1");
        assertThat(names.get(id, k -> "Amina " + reads.incrementAndGet())).isEqualTo("Amina 1");

        copies.dropHere("names " + id);

        assertThat(names.find(id)).isEmpty();
        assertThat(names.get(id, k -> "Amina " + reads.incrementAndGet())).isEqualTo("Amina 2");
    }

    @Test
    void anAnnouncementDropsOnlyItsOwnKindAndKey() {
        Copies<UUID, String> names = copies.byId("names", Duration.ofMinutes(1), 10);
        Copies<UUID, String> schools = copies.byId("schools", Duration.ofMinutes(1), 10);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        names.put(a, "a");
        names.put(b, "b");
        schools.put(a, "school");

        copies.dropHere("names " + a);

        assertThat(names.find(a)).isEmpty();
        assertThat(names.find(b)).contains("b");
        assertThat(schools.find(a)).contains("school");
    }

    @Test
    void dropAllAndUnreadableKeysDropEveryCopyOfTheKind() {
        Copies<UUID, String> names = copies.byId("names", Duration.ofMinutes(1), 10);
        names.put(UUID.randomUUID(), "a");
        copies.dropHere("names " + InstanceCopies.ALL);
        assertThat(names.find(UUID.randomUUID())).isEmpty();

        UUID kept = UUID.randomUUID();
        names.put(kept, "kept");
        copies.dropHere("names not-an-id");
        assertThat(names.find(kept)).isEmpty();

        copies.dropHere("nonsense"); // neither kind nor key: ignored
        copies.dropHere("unknown " + kept);
    }

    @Test
    void aDropHereIsImmediate() {
        Copies<UUID, String> names = copies.byId("names", Duration.ofMinutes(1), 10);
        UUID id = UUID.randomUUID();
        names.put(id, "old");
        names.drop(id);
        assertThat(names.find(id)).isEmpty();
        assertThat(copies.clustered()).isFalse();
    }

    @Test
    void kindsAreUniqueWords() {
        copies.byId("names", Duration.ofSeconds(1), 10);
        assertThatThrownBy(() -> copies.byId("names", Duration.ofSeconds(1), 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> copies.byId("two words", Duration.ofSeconds(1), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}

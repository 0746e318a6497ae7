package org.projectspark.platform.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A text topic of Payara's Data Grid (Hazelcast, which every instance of the domain or deployment group joins) with
 * this instance listening: what is published reaches every member's listener, this one's included. Joined at start,
 * left at undeploy; absent when the Data Grid is (disabled, or not reachable from the application).
 */
public final class GridTopic {

    private static final Logger LOG = Logger.getLogger(GridTopic.class.getName());
    private static final String DATA_GRID = "payara/Hazelcast";

    private final HazelcastInstance grid;
    private final ITopic<String> topic;
    private final UUID listener;

    private GridTopic(HazelcastInstance grid, ITopic<String> topic, UUID listener) {
        this.grid = grid;
        this.topic = topic;
        this.listener = listener;
    }

    /** Joins topic {@code name} with {@code heard} as this instance's listener; empty without a Data Grid ({@code withoutIt} logged). */
    public static Optional<GridTopic> join(String name, Consumer<String> heard, String withoutIt) {
        try {
            HazelcastInstance grid = InitialContext.doLookup(DATA_GRID);
            ITopic<String> topic = grid.getTopic(name);
            return Optional.of(new GridTopic(grid, topic, topic.addMessageListener(m -> heard.accept(m.getMessageObject()))));
        } catch (NamingException | RuntimeException | LinkageError noGrid) {
            LOG.log(Level.INFO, "No Data Grid ({0}): {1}", new Object[]{noGrid.toString(), withoutIt});
            return Optional.empty();
        }
    }

    public void publish(String message) {
        topic.publish(message);
    }

    public CompletionStage<Void> publishAsync(String message) {
        return topic.publishAsync(message);
    }

    /** The Data Grid's members (this instance among them), while it answers. */
    public Optional<Integer> members() {
        try {
            return Optional.of(grid.getCluster().getMembers().size());
        } catch (RuntimeException gridGone) {
            return Optional.empty();
        }
    }

    public void leave() {
        try {
            topic.removeMessageListener(listener);
        } catch (RuntimeException gridGone) {
            LOG.log(Level.FINE, "Data Grid already gone at undeploy", gridGone);
        }
    }
}

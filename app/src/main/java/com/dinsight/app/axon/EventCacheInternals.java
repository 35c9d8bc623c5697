package com.dinsight.app.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private fields of Axon's {@link EmbeddedEventStore} (4.13) and of the nodes of its cache, for
 * {@link ReleasingEventStore}.
 */
record EventCacheInternals(VarHandle oldest, VarHandle next, VarHandle index) {

    private static final Logger log = LoggerFactory.getLogger(EventCacheInternals.class);

    /** The fields, or null (logged) when this Axon version does not have them. */
    static EventCacheInternals find() {
        try {
            Class<?> node = Class.forName(EmbeddedEventStore.class.getName() + "$Node");
            MethodHandles.Lookup store = MethodHandles.privateLookupIn(EmbeddedEventStore.class, MethodHandles.lookup());
            MethodHandles.Lookup nodes = MethodHandles.privateLookupIn(node, MethodHandles.lookup());
            return new EventCacheInternals(store.findVarHandle(EmbeddedEventStore.class, "oldest", node),
                    nodes.findVarHandle(node, "next", node), nodes.findVarHandle(node, "index", long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("This Axon version's event cache is not the one ReleasingEventStore knows ({}); events leaving the"
                    + " cache are left to the garbage collector as they are", e.toString());
            return null;
        }
    }

    /** The cache's head: its oldest event's node, or null before the store has read any. */
    Object head(EmbeddedEventStore store) {
        return oldest.getVolatile(store);
    }

    long index(Object node) {
        return (long) index.get(node);
    }

    /** The node the given one links to, or null. */
    Object next(Object node) {
        return next.getVolatile(node);
    }

    /** Clears the node's link and answers the node it led to. */
    Object unlink(Object node) {
        return next.getAndSet(node, null);
    }
}

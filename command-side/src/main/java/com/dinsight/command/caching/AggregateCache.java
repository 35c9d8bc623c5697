package com.dinsight.command.caching;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate {@link Cache} on a bounded Caffeine map that holds its aggregates strongly.
 * Axon's {@code WeakReferenceCache} lost an aggregate at the next young collection once no
 * command held it, which under monitoring load was nearly always: every post then loaded its
 * baseline from the snapshot and up to a hundred events (JFR: a seventh of the command thread's
 * time). Entries leave after {@code idle} without use or when {@code maximumSize} is reached.
 *
 * <p>Another command node appending to a cached aggregate makes this copy stale: the next append
 * from here then conflicts on the event store's (aggregate, sequence) key, the unit of work rolls
 * back, Axon evicts the entry, and the caller may retry (MonitoringRecorder does).
 */
public final class AggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    public AggregateCache(long maximumSize, Duration idle) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(idle)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (key != null && cause.wasEvicted()) {
                        listeners.forEach(listener -> listener.onEntryExpired(key));
                    }
                })
                .build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object before = entries.put(key, value);
        listeners.forEach(listener -> {
            if (before == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> {
            T value = valueSupplier.get();
            if (value == null) {
                throw new IllegalArgumentException("the value supplier gave null for key [" + key + "]");
            }
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
            return value;
        });
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> {
            V updated = update.apply((V) value);
            if (updated != null) {
                listeners.forEach(listener -> listener.onEntryUpdated(key, updated));
            }
            return updated;
        });
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}

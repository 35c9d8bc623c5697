package com.dinsight.app.axon;

import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * Axon's SimpleCommandBus begins the database transaction (taking a pooled connection) before the
 * repository locks the aggregate. Twenty concurrent commands on one aggregate then hold every
 * connection while they wait for the lock, and the one holding the lock waits for a connection.
 * This bus takes a node-local lock for the target aggregate first (striped, reentrant), so commands
 * waiting for an aggregate hold no connection. Across nodes the event store's unique
 * (aggregate, sequence) key still decides. A command sent inside a unit of work (the monitoring
 * group commit's, an event handler's) skips the stripe: it joins that unit of work's transaction and
 * waits for the aggregate with its connection, as that unit of work already holds one.
 */
class AggregateLockFirstCommandBus extends SimpleCommandBus {

    private static final int STRIPES = 4096;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    AggregateLockFirstCommandBus(Builder builder) {
        super(builder);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        // a command sent inside a unit of work (a group commit, an event handler) joins its
        // transaction: it holds no connection of its own while it waits, and taking a stripe here
        // while that unit of work keeps other aggregates locked until it commits could deadlock
        String target = CurrentUnitOfWork.isStarted() ? null : targetOf(command);
        if (target == null) {
            super.handle(command, handler, callback);
            return;
        }
        ReentrantLock lock = stripes[Math.floorMod(target.hashCode(), STRIPES)];
        lock.lock();
        try {
            super.handle(command, handler, callback);
        } finally {
            lock.unlock();
        }
    }

    private String targetOf(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }
}

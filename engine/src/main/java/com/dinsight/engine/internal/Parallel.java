package com.dinsight.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A tiny fork-join runner for the engine's hot loops: {@link #run(int, IntConsumer)} calls the
 * body once for every task index, on the calling thread and {@code threads - 1} workers, and
 * returns when all are done. Workers spin briefly before parking so the optimiser's many
 * short rounds do not pay a wake-up each.
 *
 * <p>Determinism is the callers' business and is easy: a task index always covers the same
 * slice of work and writes its own slot; callers combine the slots in index order. Which
 * thread ran a task never matters.
 */
public final class Parallel implements AutoCloseable {

    private static final long SPIN_NANOS = 100_000;

    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer body, int tasks) {
            this.body = body;
            this.tasks = tasks;
        }

        void drain() {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }

    private final int threads;
    private final Thread[] workers;
    private volatile Job job;
    private volatile boolean closed;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            Thread t = new Thread(this::work, "dinsight-engine-" + w);
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task.accept(t)} for t = 0..taskCount-1, in parallel; rethrows the first failure.
     * One job uses the workers at a time; a single task runs on the calling thread at once, without
     * waiting for another caller's job (a monitoring row posted alone while a file is scored).
     */
    public void run(int taskCount, IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (taskCount <= 0) {
            return;
        }
        if (workers.length == 0 || taskCount == 1) {
            for (int t = 0; t < taskCount; t++) {
                task.accept(t);
            }
            return;
        }
        runOnWorkers(taskCount, task);
    }

    private synchronized void runOnWorkers(int taskCount, IntConsumer task) {
        Job j = new Job(task, taskCount);
        job = j;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        j.drain();
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (j.finished.get() < taskCount) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable f = j.failure.get();
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    private void work() {
        Job seen = null;
        while (!closed) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Job j;
            while ((j = job) == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = j;
            j.drain();
        }
    }

    @Override
    public void close() {
        closed = true;
        job = null;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}

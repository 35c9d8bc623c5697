package com.dinsight.app.support;

import java.util.function.BooleanSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** Rebuilds the read model the way an operator would: stop the processor, reset its tokens, start again. */
public final class ReadModelReplay {

    private ReadModelReplay() {
    }

    /**
     * Stops the "read-model" processor and resets its tokens, which runs the reset handlers;
     * {@code whileEmpty} checks the tables then; starts the processor again and answers it, so the
     * caller can wait for {@link #caughtUp}.
     */
    public static StreamingEventProcessor restart(EventProcessingConfiguration processing, Runnable whileEmpty) {
        return restart(processing, "read-model", whileEmpty);
    }

    /** As {@link #restart(EventProcessingConfiguration, Runnable)}, for the named processor. */
    public static StreamingEventProcessor restart(EventProcessingConfiguration processing, String name,
                                                  Runnable whileEmpty) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        whileEmpty.run();
        processor.start();
        return processor;
    }

    /** True once the processor has replayed up to where it was and the given check holds. */
    public static boolean caughtUp(StreamingEventProcessor processor, BooleanSupplier check) {
        return !processor.isReplaying() && check.getAsBoolean();
    }
}

package com.dinsight.query.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.scheduler.Schedulers;

/**
 * Server-sent events from an Axon subscription query: its initial answer, then its updates. A slow
 * client never holds up the projection that emits the updates: they are buffered and sent on another
 * thread, and past the buffer the stream is closed (the client resumes with Last-Event-ID).
 */
public final class SubscriptionStreams {

    private static final int UPDATE_BUFFER = 10_000;

    private SubscriptionStreams() {
    }

    /**
     * @param event the server-sent event for an item, or empty to leave it out (already sent, say);
     *              called for one stream at a time
     */
    public static <U> SseEmitter open(SubscriptionQueryResult<List<U>, U> result, Duration timeout,
                                      Function<U, Optional<SseEmitter.SseEventBuilder>> event) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable cancel = () -> {
            if (open.getAndSet(false)) {
                result.cancel();
            }
        };
        emitter.onCompletion(cancel);
        emitter.onTimeout(cancel);
        emitter.onError(error -> cancel.run());
        // a comment first, so the client gets the response headers even when nothing is sent yet
        send(emitter, item -> Optional.of(SseEmitter.event().comment("open")), null, cancel);
        List<U> initial = result.initialResult().block(Duration.ofSeconds(30));
        if (initial != null) {
            initial.forEach(item -> send(emitter, event, item, cancel));
        }
        result.updates()
                .onBackpressureBuffer(UPDATE_BUFFER, dropped -> { }, BufferOverflowStrategy.ERROR)
                .publishOn(Schedulers.boundedElastic())
                .subscribe(item -> send(emitter, event, item, cancel), error -> {
                    cancel.run();
                    emitter.complete();
                });
        return emitter;
    }

    private static <U> void send(SseEmitter emitter, Function<U, Optional<SseEmitter.SseEventBuilder>> event, U item,
                                 Runnable cancel) {
        synchronized (emitter) {
            Optional<SseEmitter.SseEventBuilder> built = event.apply(item);
            if (built.isEmpty()) {
                return;
            }
            try {
                emitter.send(built.get());
            } catch (IOException | IllegalStateException gone) {
                cancel.run();
            }
        }
    }
}

package com.dinsight.query.alert;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AlertView;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open {@code GET /alerts/stream} connections of this node. {@link AlertProjection} hands it each
 * new or changed alert after its batch committed; it sends the alert to every listener allowed to see
 * it (the dataset's owner, admins), on a thread of its own so a slow client never holds up the
 * read model. One node's projection feeds that node's listeners: with several query nodes, a client
 * sees the changes of the node it is connected to (docs/decisions.md 24).
 */
@Component
class AlertStream {

    static final Duration TIMEOUT = Duration.ofHours(1);

    private record Listener(Caller caller, SseEmitter emitter) {
    }

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alert-stream");
        thread.setDaemon(true);
        return thread;
    });

    /** Ends the streams when the application closes, before the web server's graceful shutdown waits for them. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        listeners.forEach(listener -> listener.emitter().complete());
        listeners.clear();
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    /** Registers first, then sends the open alerts, so no change between the two is missed. */
    SseEmitter open(Caller caller, java.util.function.Supplier<List<AlertView>> openAlerts) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Listener listener = new Listener(caller, emitter);
        listeners.add(listener);
        emitter.onCompletion(() -> listeners.remove(listener));
        emitter.onTimeout(() -> listeners.remove(listener));
        emitter.onError(error -> listeners.remove(listener));
        List<AlertView> initial = openAlerts.get();
        sender.execute(() -> initial.forEach(alert -> send(listener, alert)));
        return emitter;
    }

    boolean listening() {
        return !listeners.isEmpty();
    }

    void changed(AlertView alert, UUID datasetOwner) {
        sender.execute(() -> listeners.stream()
                .filter(l -> l.caller().isAdmin() || l.caller().userId().equals(datasetOwner))
                .forEach(l -> send(l, alert)));
    }

    private void send(Listener listener, AlertView alert) {
        try {
            listener.emitter().send(SseEmitter.event().name("alert").id(alert.id().toString())
                    .data(alert, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            listeners.remove(listener); // the client went away
        }
    }
}

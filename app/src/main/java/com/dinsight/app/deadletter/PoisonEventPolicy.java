package com.dinsight.app.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a projection's failure does (docs/evolution.md):
 * <ul>
 * <li>transient ({@link FailureKind}): rethrown, so the processor rolls the batch back and retries
 * it with back-off, exactly as without a dead-letter queue; nothing is parked;</li>
 * <li>poison, first time: the event becomes a suspect and the failure is rethrown; the retried
 * batch handles it inside a savepoint ({@link SuspectEvents});</li>
 * <li>poison inside its savepoint: its writes are undone and its sequence is parked; the batch
 * goes on;</li>
 * <li>an administrator's retry that fails: the letter stays parked with the new cause and its
 * retry count (diagnostics {@code retries}) plus one.</li>
 * </ul>
 */
final class PoisonEventPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String RETRIES = "retries";
    private static final Logger log = LoggerFactory.getLogger(PoisonEventPolicy.class);

    private final SuspectEvents suspects;

    PoisonEventPolicy(SuspectEvents suspects) {
        this.suspects = suspects;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (letter instanceof JdbcDeadLetter<?>) {
            long retries = retries(letter.diagnostics()) + 1;
            return Decisions.requeue(cause(cause), parked -> parked.diagnostics().and(RETRIES, retries));
        }
        String eventId = letter.message().getIdentifier();
        if (FailureKind.of(cause) == FailureKind.TRANSIENT) {
            throw propagated(cause);
        }
        if (suspects.undo(eventId)) {
            log.warn("Parking event {} ({}) of sequence {}: {}", eventId, letter.message().getPayloadType().getName(),
                    letter.message() instanceof DomainEventMessage<?> domain
                            ? domain.getAggregateIdentifier() : eventId, cause.toString());
            return Decisions.enqueue(cause(cause), parked -> MetaData.with(RETRIES, 0L));
        }
        suspects.suspect(eventId);
        throw new SuspectEventException(eventId, cause);
    }

    static long retries(MetaData diagnostics) {
        Object value = diagnostics == null ? null : diagnostics.get(RETRIES);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    private static ThrowableCause cause(Throwable cause) {
        return ThrowableCause.truncated(cause, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
    }

    private static RuntimeException propagated(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** Rolls the batch back once so the event can be handled again inside a savepoint. */
    static final class SuspectEventException extends RuntimeException {
        SuspectEventException(String eventId, Throwable cause) {
            super("Event " + eventId + " failed; retrying the batch to park it in isolation", cause);
        }
    }
}

package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.time.Instant;

/**
 * What {@code GET /alerts/stream} sends before the changes that follow, as a list of
 * {@link AlertView} in the order they last changed, at most 500: the caller's open alerts (active or
 * acknowledged) and, when resuming, every alert changed at or after {@code changedSince}.
 */
public record StreamAlerts(Caller caller, Instant changedSince) {
}

package com.dinsight.query;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The processing group of every projection that writes the seed's tables. They share one
 * processor with one segment because the tables reference each other (datasets -> users,
 * dinsight_data -> config_data, ...): events must reach them in the store's order, or a row
 * could arrive before the row it references. docs/decisions.md has the trade-off.
 */
public final class ReadModel {

    public static final String PROCESSING_GROUP = "read-model";

    /** Whether the event being handled may be pushed to live clients: not when it is replayed. */
    public static boolean pushesLiveUpdates() {
        return CurrentUnitOfWork.map(unitOfWork -> !ReplayToken.isReplay(unitOfWork.getMessage())).orElse(true);
    }

    private ReadModel() {
    }
}

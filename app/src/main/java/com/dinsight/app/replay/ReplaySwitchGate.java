package com.dinsight.app.replay;

/**
 * Called once a shadow build has caught up, right before the live processor is stopped for the
 * switch. The default lets it through; a test can hold a replay here to watch the queries meanwhile.
 */
@FunctionalInterface
public interface ReplaySwitchGate {

    ReplaySwitchGate OPEN = processor -> { };

    void beforeSwitch(String processor) throws InterruptedException;
}

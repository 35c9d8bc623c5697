package com.dinsight.command.request;

import java.util.Map;

/**
 * The metadata (user id, address, user agent) of the request the current thread serves. Command
 * handlers that record work on behalf of several requests at once put each request's own metadata
 * on its events with it.
 */
@FunctionalInterface
public interface RequestMetadataSource {

    Map<String, String> current();
}

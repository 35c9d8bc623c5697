package com.dinsight.api.config;

/** The system has one processing configuration, with many versions: this is its aggregate id. */
public final class ConfigurationIds {

    public static final String PROCESSING_CONFIGURATION = "processing-configuration";

    private ConfigurationIds() {
    }
}

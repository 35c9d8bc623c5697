package com.dinsight.query.web;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query-string values the controllers share, refused with a 400 naming the parameter. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An ISO 8601 instant, or null when the parameter is absent or blank. */
    public static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(List.of(new FieldError(parameter,
                    "must be an ISO 8601 instant such as 2026-11-25T00:00:00Z")));
        }
    }
}

package com.dinsight.api.error;

/** One invalid field of a request: its API name (snake_case) and what is wrong with it. */
public record FieldError(String field, String message) {
}

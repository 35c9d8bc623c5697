package com.dinsight.api.error;

import java.time.Duration;
import java.util.List;

/**
 * A request refused at the REST layer with one of api.md's codes; {@code retryAfter}, when set,
 * becomes a Retry-After header (rate limits).
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;
    private final List<FieldError> errors;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, List.of());
    }

    public ApiException(ErrorCode code, String message, Duration retryAfter) {
        this(code, message, retryAfter, List.of());
    }

    private ApiException(ErrorCode code, String message, Duration retryAfter, List<FieldError> errors) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
        this.errors = List.copyOf(errors);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, "The request has invalid fields", null, errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ErrorCode code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

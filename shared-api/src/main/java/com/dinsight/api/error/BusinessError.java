package com.dinsight.api.error;

import java.util.List;

/**
 * Why a command was refused. Travels as the details of Axon's CommandExecutionException, so it
 * survives a distributed command bus, and becomes a problem+json answer at the REST layer.
 */
public record BusinessError(ErrorCode code, String message, List<FieldError> errors) {

    public BusinessError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static BusinessError invalid(List<FieldError> errors) {
        return new BusinessError(ErrorCode.VALIDATION_ERROR, "The request has invalid fields", errors);
    }
}

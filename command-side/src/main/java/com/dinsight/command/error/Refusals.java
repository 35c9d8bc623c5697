package com.dinsight.command.error;

import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.FieldError;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * Refusing a command: the reason travels as the exception's details, which Axon carries across
 * a distributed command bus, so the REST layer answers the same on one node or many.
 */
public final class Refusals {

    private Refusals() {
    }

    public static CommandExecutionException refuse(BusinessError error) {
        return new CommandExecutionException(error.message(), null, error);
    }

    public static CommandExecutionException invalid(List<FieldError> errors) {
        return refuse(BusinessError.invalid(errors));
    }
}

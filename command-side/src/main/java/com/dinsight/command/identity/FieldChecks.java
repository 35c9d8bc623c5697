package com.dinsight.command.identity;

import com.dinsight.api.error.FieldError;
import com.dinsight.command.error.Refusals;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects field errors of a request and refuses it with all of them at once. */
final class FieldChecks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private final List<FieldError> errors = new ArrayList<>();

    FieldChecks email(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.trim().length() > 255 || !EMAIL.matcher(value.trim()).matches()) {
            errors.add(new FieldError(field, "must be an email address of at most 255 characters"));
        }
        return this;
    }

    FieldChecks text(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.trim().length() > 255) {
            errors.add(new FieldError(field, "must be at most 255 characters"));
        }
        return this;
    }

    FieldChecks required(String field, String value) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    FieldChecks password(String field, String value) {
        Passwords.violation(field, value).ifPresent(errors::add);
        return this;
    }

    FieldChecks add(FieldError error) {
        errors.add(error);
        return this;
    }

    void orRefuse() {
        if (!errors.isEmpty()) {
            throw Refusals.invalid(errors);
        }
    }

    static RuntimeException invalidToken(String field) {
        return Refusals.invalid(List.of(new FieldError(field, "is not a valid, unused and unexpired token")));
    }
}

package com.dinsight.query.web;

import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/** The {@code page} (from 0) and {@code size} (default 50, at most 500) of api.md's lists. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static PageRequest of(Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and 500"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}

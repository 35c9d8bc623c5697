package com.dinsight.api.error;

/** A requested resource does not exist (or is not the caller's): answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

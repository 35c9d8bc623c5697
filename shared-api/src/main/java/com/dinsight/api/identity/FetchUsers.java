package com.dinsight.api.identity;

/** Answers a {@link UserPage} of all users, newest first (admins only; the REST layer checks). */
public record FetchUsers(int page, int size) {
}

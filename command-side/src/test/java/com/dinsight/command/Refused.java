package com.dinsight.command;

import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the details of a refused command: a {@link BusinessError} with a code, and a field it names. */
public final class Refused {

    private Refused() {
    }

    public static Matcher<Object> with(ErrorCode code) {
        return with(code, null);
    }

    /** {@code field} null: any fields. */
    public static Matcher<Object> with(ErrorCode code, String field) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object details) {
                return details instanceof BusinessError error && error.code() == code
                        && (field == null || error.errors().stream().anyMatch(e -> e.field().equals(field)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal " + code + (field == null ? "" : " naming " + field));
            }
        };
    }
}

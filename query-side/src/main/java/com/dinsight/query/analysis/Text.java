package com.dinsight.query.analysis;

/**
 * Text from uploads (file names, CSV metadata, column names) as PostgreSQL can store it. PostgreSQL
 * refuses the NUL character in text and in JSONB; a NUL in someone's CSV must not stop the read
 * model (its handler would fail on every retry), so it becomes U+FFFD, the replacement character.
 */
final class Text {

    private Text() {
    }

    static String clean(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    /** At most {@code max} characters (code points, as PostgreSQL counts them), never a half surrogate pair. */
    static String truncate(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }
}

package com.dinsight.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The loops let through exactly what Spring Security's regular expressions let through. */
class HeaderCharactersTest {

    @Test
    void aNameOfOneCodePointPassesExactlyWhenSpringSecuritysCheckLetsItThrough() {
        assertSameOnEveryCodePoint(HeaderCharacters::validName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
    }

    @Test
    void aValueOfOneCodePointPassesExactlyWhenSpringSecuritysCheckLetsItThrough() {
        assertSameOnEveryCodePoint(HeaderCharacters::validValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void longerTextsAreJudgedAlike() {
        List<String> texts = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a\tb", "\t", "ok\u0000", "x\u007f",
                "caf\u00e9", "\ud83d\ude00 smile", "lone \ud83d surrogate", "\udc00 low first", "\u0378 unassigned",
                "line\nbreak", "\u0085next line", "\u009f", "\u00a0no-break");
        for (String text : texts) {
            assertThat(HeaderCharacters.validName(text)).as("name %s", text)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(HeaderCharacters.validValue(text)).as("value %s", text)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }

    private static void assertSameOnEveryCodePoint(Predicate<String> loop, Predicate<String> regex) {
        int differences = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = Character.toString(codePoint);
            if (loop.test(text) != regex.test(text)) {
                differences++;
            }
        }
        assertThat(differences).isZero();
    }
}

package com.dinsight.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The verification and reset mails through a real SMTP server: GreenMail inside the test JVM,
 * on a free port, with {@code spring.mail.*} pointing at it, so the application sends through
 * Spring's JavaMailSender and not into files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class SmtpMailTest {

    /** {@code <user id>.<256 random bits, base64url without padding>}, as SecretTokens makes them. */
    private static final Pattern TOKEN = Pattern.compile(
            "(?<![\\w-])([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[A-Za-z0-9_-]{43})(?![\\w-])");
    private static final long MAIL_WAIT_MILLIS = 10_000;

    /** One server for the whole class: the application context keeps the port it was given. */
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        // suppliers run when the context starts, after the extension has bound its port
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 5000);
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> 5000);
    }

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void registering_sends_a_verification_mail_whose_token_verifies_the_email_once() throws Exception {
        String email = uniqueEmail("verify");
        ApiClient.Response registered = register(email, "Vera Verifier");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String userId = registered.json().get("user_id").asText();

        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).isEqualTo("Confirm your DInsight email address");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@dinsight.local");
        String body = body(mail);
        assertThat(body).contains("Hello Vera Verifier").doesNotContain(TestUsers.PASSWORD);
        String token = tokenIn(body);
        assertThat(token).startsWith(userId + ".");

        assertThat(api.postJson("/api/v1/auth/verify-email", tokenJson(token)).status()).isEqualTo(200);
        ApiClient.Response again = api.postJson("/api/v1/auth/verify-email", tokenJson(token));
        assertThat(again.status()).as("a verification token works once").isEqualTo(400);
        assertThat(again.json().at("/errors/0/field").asText()).isEqualTo("token");
    }

    @Test
    void forgot_password_sends_a_reset_mail_whose_token_sets_a_new_password_once() throws Exception {
        String email = uniqueEmail("reset");
        assertThat(register(email, "Rita Reset").status()).isEqualTo(201);
        onlyMailTo(email);
        greenMail.purgeEmailFromAllMailboxes();

        assertThat(api.postJson("/api/v1/auth/forgot-password", emailJson(email)).status()).isEqualTo(202);
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).isEqualTo("Reset your DInsight password");
        String token = tokenIn(body(mail));

        ApiClient.Response reset = api.postJson("/api/v1/auth/reset-password",
                "{\"token\": \"%s\", \"new_password\": \"Fresh#789\"}".formatted(token));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        TestUsers.logIn(api, email, "Fresh#789");
        assertThat(api.postJson("/api/v1/auth/login",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, TestUsers.PASSWORD)).status())
                .as("the old password no longer works").isEqualTo(401);
        assertThat(api.postJson("/api/v1/auth/reset-password",
                "{\"token\": \"%s\", \"new_password\": \"Again#789\"}".formatted(token)).status())
                .as("a reset token works once").isEqualTo(400);
    }

    @Test
    void forgot_password_for_an_unknown_email_sends_no_mail_and_still_answers_accepted() throws Exception {
        String unknown = uniqueEmail("nobody");
        assertThat(api.postJson("/api/v1/auth/forgot-password", emailJson(unknown)).status()).isEqualTo(202);
        // the application sends before answering; the wait only guards against a slow delivery
        assertThat(greenMail.waitForIncomingEmail(1_000, 1)).as("no mail to anyone").isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private ApiClient.Response register(String email, String fullName) {
        return api.postJson("/api/v1/auth/register", "{\"email\": \"%s\", \"password\": \"%s\", \"full_name\": \"%s\"}"
                .formatted(email, TestUsers.PASSWORD, fullName));
    }

    /** Waits for the one mail of this test and checks it went to this address, and only to it. */
    private static MimeMessage onlyMailTo(String email) throws Exception {
        assertThat(greenMail.waitForIncomingEmail(MAIL_WAIT_MILLIS, 1)).as("a mail arrives").isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                .map(address -> ((InternetAddress) address).getAddress())).containsExactly(email);
        assertThat(mail.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
        return mail;
    }

    /** The decoded text, whatever transfer encoding the sender chose. */
    private static String body(MimeMessage mail) throws Exception {
        assertThat(mail.isMimeType("text/plain")).as(mail.getContentType()).isTrue();
        return (String) mail.getContent();
    }

    /** The token the mail carries; it appears more than once (alone and in the curl example), always the same. */
    private static String tokenIn(String body) {
        Matcher matcher = TOKEN.matcher(body);
        List<String> tokens = matcher.results().map(result -> result.group(1)).distinct().toList();
        assertThat(tokens).as("one distinct token of the form <uuid>.<43 base64url characters> in:%n%s", body)
                .hasSize(1);
        return tokens.get(0);
    }

    private static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String tokenJson(String token) {
        return "{\"token\": \"%s\"}".formatted(token);
    }

    private static String emailJson(String email) {
        return "{\"email\": \"%s\"}".formatted(email);
    }
}
